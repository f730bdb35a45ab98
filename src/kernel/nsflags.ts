/**
 * The flags of rfork and of bind/mount, each in one table: the command's option letter, the
 * letter the library and namespace files use (rc's for rfork), and what it does. The rfork and
 * bind commands, the shell's builtins, the library's `rfork: 'n'` / `flags: 'bc'` and `ns`
 * output all read them from here.
 */
import { NineError } from './errors.ts'
import type { BindFlags, RforkFlags } from './types.ts'

interface RforkRow {
  readonly key: keyof RforkFlags
  /** rc's letter (fork(2)): the library's `rfork: 'N'`. */
  readonly letter: string
  /** The rfork command's option. */
  readonly option: string
  readonly help: string
}

export const RFORK_FLAGS: readonly RforkRow[] = [
  { key: 'cleanNamespace', letter: 'N', option: 'n', help: "clean namespace: only / (the kernel's minimal root) and /dev" },
  { key: 'copyNamespace', letter: 'n', option: 'c', help: 'private copy of the namespace' },
  { key: 'noMount', letter: 'm', option: 'm', help: 'no more mount, bind or unmount, ever (implies -c unless -n)' },
  { key: 'copyEnv', letter: 'e', option: 'e', help: 'copy of the environment' },
  { key: 'cleanEnv', letter: 'E', option: 'E', help: 'empty environment' },
  { key: 'newSignalGroup', letter: 's', option: 's', help: 'new signal group' },
  { key: 'copyFds', letter: 'f', option: 'f', help: 'copy of the descriptors' },
  { key: 'cleanFds', letter: 'F', option: 'F', help: 'no descriptors' },
]

/** rc's rfork letters (`nNmeEsfF`) as flags. */
export function rforkLetters(letters: string): RforkFlags {
  return collect(RFORK_FLAGS, letters, 'rfork')
}

interface BindRow {
  readonly key: keyof BindFlags
  /** The option of bind and mount, the letter of namespace files, the library's `flags` and `ns`. */
  readonly letter: string
  readonly help: string
}

export const BIND_FLAGS: readonly BindRow[] = [
  { key: 'before', letter: 'b', help: 'union: new goes before what is at old' },
  { key: 'after', letter: 'a', help: 'union: new goes after what is at old' },
  { key: 'create', letter: 'c', help: 'files may be created in new through old' },
  // ninefold's own: Plan 9 has no read-only bind (docs/plan9-differences.md)
  { key: 'readonly', letter: 'r', help: 'read-only view: writes through old are refused' },
]

/** Bind flag letters (`bacr`) as flags; -b with -a is refused. */
export function bindLetters(letters: string, what = 'bind'): BindFlags {
  const flags = collect(BIND_FLAGS, letters, what)
  if (flags.before && flags.after) throw new NineError('EINVAL', what, '-b and -a are exclusive')
  return flags
}

/** The letters of `flags`, in the table's order (what `ns` prints after the dash). */
export function lettersOf(flags: BindFlags): string {
  let out = ''
  for (const r of BIND_FLAGS) if (flags[r.key]) out += r.letter
  return out
}

/** Flags named by letters of a table; an unknown letter is refused. */
function collect<K extends string>(rows: readonly { key: K; letter: string }[], letters: string, what: string): Partial<Record<K, boolean>> {
  const flags: Partial<Record<K, boolean>> = {}
  for (const c of letters) {
    const row = rows.find((r) => r.letter === c)
    if (row === undefined) throw new NineError('EINVAL', what, `unknown flag letter ${c}`)
    flags[row.key] = true
  }
  return flags
}
