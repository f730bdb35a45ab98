/** The bash corpus: ninefold's shell run as `bash` against /bin/bash (bash 5). */
import { join } from 'node:path'
import { compareCorpus } from './runner.ts'

compareCorpus({ dir: join(import.meta.dirname, 'bash-corpus'), shell: 'bash', host: '/bin/bash', atLeast: 200 })
