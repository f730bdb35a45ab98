/** gunzip: expand gzip files (GNU gzip's program under this name). */
import { gzipCommand } from '../util/gzipcmd.ts'

export const gunzip = gzipCommand('gunzip')
