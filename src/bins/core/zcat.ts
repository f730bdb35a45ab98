/** zcat: expand gzip files to standard output (GNU gzip's program under this name). */
import { gzipCommand } from '../util/gzipcmd.ts'

export const zcat = gzipCommand('zcat')
