/** The union flags bind and mount share (the table in kernel/nsflags.ts), from their parsed options. */
import { UsageError, type ParsedArgs } from '../lib.ts'
import { BIND_FLAGS, bindLetters } from '../../kernel/nsflags.ts'
import type { BindFlags } from '../../kernel/types.ts'

export { BIND_OPTIONS as BIND_FLAG_SPEC } from '../../kernel/nsflags.ts'

export function bindFlags(args: ParsedArgs): BindFlags {
  const f = args.flags
  if (f.b && f.a) throw new UsageError('-b and -a are exclusive')
  return bindLetters(BIND_FLAGS.filter((r) => Object.hasOwn(f, r.letter) && f[r.letter] === true).map((r) => r.letter).join(''))
}
