/**
 * The flags of rfork, bind and mount as the commands take them: option letters, parsed options
 * and --help lines, read from the tables in kernel/nsflags.ts (and the devices from the device
 * table). Only the commands need these, so they load with them.
 */
import { UsageError, type ParsedArgs } from '../lib.ts'
import { devtab } from '../../kernel/fileservers/devtab.ts'
import { BIND_FLAGS, bindLetters, RFORK_FLAGS } from '../../kernel/nsflags.ts'
import type { BindFlags, RforkFlags } from '../../kernel/types.ts'

/** The rfork command's option letters, for parseArgs. */
export const RFORK_OPTIONS = RFORK_FLAGS.map((r) => r.option).join('')

/** The rfork command's parsed options as flags. */
export function rforkOptions(options: Readonly<Record<string, string | true>>): RforkFlags {
  const flags: RforkFlags = {}
  for (const r of RFORK_FLAGS) if (Object.hasOwn(options, r.option) && options[r.option] === true) flags[r.key] = true
  return flags
}

/** `-X  help` lines for the rfork command's --help. */
export function rforkHelp(): string {
  return RFORK_FLAGS.map((r) => `  -${r.option}  ${r.help}`).join('\n')
}

/** The option letters of bind and mount, for parseArgs. */
export const BIND_FLAG_SPEC = BIND_FLAGS.map((r) => r.letter).join('')

/** `-X  help` lines for the --help of bind and mount. */
export function bindHelp(): string {
  return BIND_FLAGS.map((r) => `  -${r.letter}  ${r.help}`).join('\n')
}

/** `'#/' root, '#c' cons, ...`: the devices, for help texts. */
export function deviceList(): string {
  return devtab.map((d) => `'#${d.letter}' ${d.name}`).join(', ')
}

/** `'#p' /proc, ...`: the devices the standard namespace binds that a clean one leaves out. */
export function cleanNamespaceMissing(): string {
  return devtab
    .filter((d) => d.std && !d.clean)
    .map((d) => `'#${d.letter}' ${d.std!.at}`)
    .join(', ')
}

/** The union flags bind and mount share, from their parsed options. */
export function bindFlags(args: ParsedArgs): BindFlags {
  const f = args.flags
  if (f.b && f.a) throw new UsageError('-b and -a are exclusive')
  return bindLetters(BIND_FLAGS.filter((r) => Object.hasOwn(f, r.letter) && f[r.letter] === true).map((r) => r.letter).join(''))
}
