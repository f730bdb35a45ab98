/** sha512sum: print or check SHA-512 sums. */
import { checksumCommand } from '../util/checksum.ts'

export const sha512sum = checksumCommand('sha512sum')
