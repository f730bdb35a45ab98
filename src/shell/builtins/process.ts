/**
 * umask, hash, times and builtin. The file-creation mask is the shell's process's: its
 * redirections and the commands it starts (which inherit it) create files with it.
 * There is no command hash table to keep (lookups are cheap), so hash only answers.
 */
import type { Builtin } from './builtin.ts'

/** The mask as `umask -S` shows it: the permissions it leaves. */
function symbolic(mask: number): string {
  const who = ['u', 'g', 'o']
  return who
    .map((w, i) => {
      const bits = (~mask >> (6 - 3 * i)) & 7
      return `${w}=${bits & 4 ? 'r' : ''}${bits & 2 ? 'w' : ''}${bits & 1 ? 'x' : ''}`
    })
    .join(',')
}

/** `u=rwx,g=rx,o=` or `g-w,o+r`: the new mask, or undefined when the text is not one. */
function parseSymbolic(text: string, mask: number): number | undefined {
  let allowed = ~mask & 0o777
  for (const clause of text.split(',')) {
    const m = /^([ugoa]*)([=+-])([rwx]*)$/.exec(clause)
    if (m === null) return undefined
    const who = m[1] === '' || m[1]!.includes('a') ? 'ugo' : m[1]!
    let bits = 0
    for (const p of m[3]!) bits |= p === 'r' ? 4 : p === 'w' ? 2 : 1
    for (const w of who) {
      const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0
      if (m[2] === '=') allowed = (allowed & ~(7 << shift)) | (bits << shift)
      else if (m[2] === '+') allowed |= bits << shift
      else allowed &= ~(bits << shift)
    }
  }
  return ~allowed & 0o777
}

export const umask: Builtin = {
  async run(sh, argv) {
    // bash's -p prints a command that sets it again
    const options = sh.state.bash ? new Set(argv.slice(1).filter((a) => a === '-S' || a === '-p')) : new Set(argv[1] === '-S' ? ['-S'] : [])
    const arg = argv.slice(1).find((a, i) => i >= options.size)
    const current = sh.proc.umask()
    if (arg === undefined) {
      const shown = options.has('-S') ? symbolic(current) : current.toString(8).padStart(4, '0')
      await sh.write(1, `${options.has('-p') ? (options.has('-S') ? 'umask -S ' : 'umask ') : ''}${shown}\n`)
      return 0
    }
    const mask = /^[0-7]+$/.test(arg) ? parseInt(arg, 8) & 0o777 : parseSymbolic(arg, current)
    if (mask === undefined) {
      // an error of a regular builtin: the script goes on (status 2 in dash, 1 in bash)
      await sh.error(`umask: ${arg}: invalid mode`)
      return sh.state.bash ? 1 : 2
    }
    sh.proc.umask(mask)
    return 0
  },
}

export const hash: Builtin = {
  async run(sh, argv) {
    // nothing is remembered (every command is looked up when run), as bash says of an empty table
    if (argv.length === 1 && sh.state.bash) await sh.write(1, 'hash: hash table empty\n')
    let status = 0
    for (const name of argv.slice(1)) {
      if (name === '-r') continue
      if ((await sh.lookup(name, false)) === undefined) {
        await sh.error(`hash: ${name}: not found`)
        status = 1
      }
    }
    return status
  },
}

/** The shell's and its children's processor times: ninefold does not account them, so zero. */
export const times: Builtin = {
  special: true,
  async run(sh) {
    await sh.write(1, '0m0.000000s 0m0.000000s\n0m0.000000s 0m0.000000s\n')
    return 0
  },
}

/** `builtin name args`: runs the builtin even where a function has its name. */
export const builtin: Builtin = {
  async run(sh, argv) {
    const name = argv[1]
    if (name === undefined) return 0
    const b = sh.builtin(name)
    if (b === undefined) {
      await sh.error(`builtin: ${name}: not a shell builtin`)
      return 1
    }
    return b.run(sh, argv.slice(1))
  },
}
