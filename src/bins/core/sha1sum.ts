/** sha1sum: print or check SHA-1 sums. */
import { checksumCommand } from '../util/checksum.ts'

export const sha1sum = checksumCommand('sha1sum')
