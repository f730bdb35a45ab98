/** gzip: compress or expand files (GNU gzip's program under this name). */
import { gzipCommand } from '../util/gzipcmd.ts'

export const gzip = gzipCommand('gzip')
