/** The union flags bind and mount share: -b, -a, -c (and ninefold's -r, read-only). */
import { UsageError, type ParsedArgs } from '../lib.ts'
import type { BindFlags } from '../../kernel/types.ts'

export const BIND_FLAG_SPEC = 'bacr'

export function bindFlags(args: ParsedArgs): BindFlags & { readonly?: boolean } {
  const f = args.flags
  if (f.b && f.a) throw new UsageError('-b and -a are exclusive')
  return { before: f.b === true, after: f.a === true, create: f.c === true, readonly: f.r === true }
}
