/** base64: encode to or decode from base64 (RFC 4648), streaming, wrapped at 76 columns like GNU. */
import { radixCommand } from '../util/radix.ts'

export const base64 = radixCommand('base64')
