/** sha256sum: print or check SHA-256 sums. */
import { checksumCommand } from '../util/checksum.ts'

export const sha256sum = checksumCommand('sha256sum')
