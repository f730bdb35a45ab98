/** The POSIX corpus: ninefold's sh against /bin/dash. */
import { join } from 'node:path'
import { compareCorpus } from './runner.ts'

compareCorpus({ dir: join(import.meta.dirname, 'corpus'), shell: 'sh', host: '/bin/dash', atLeast: 400 })
