/** base32: encode to or decode from base32 (RFC 4648), streaming, wrapped at 76 columns like GNU. */
import { radixCommand } from '../util/radix.ts'

export const base32 = radixCommand('base32')
