/** md5sum: print or check MD5 sums. */
import { checksumCommand } from './checksum.ts'

export const md5sum = checksumCommand('md5sum')
