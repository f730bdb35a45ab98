/** md5sum: print or check MD5 sums. */
import { checksumCommand } from '../util/checksum.ts'

export const md5sum = checksumCommand('md5sum')
