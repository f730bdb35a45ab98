/**
 * ulimit [-a] [-LETTER [N|unlimited]]...: shows the limits this shell and its children are held
 * to (kernel/limits.ts), or lowers them. Letters follow bash where it has a like limit (-u
 * processes, -n open files, -s nesting depth for the stack, -f stored bytes for file size, -v
 * string length for memory, -d data commands hold for the data segment); the others are
 * ninefold's. A limit can only be lowered.
 */
import { reasonOf } from '../../kernel/errors.ts'
import type { LimitName } from '../../kernel/limits.ts'
import type { Builtin } from './builtin.ts'

const FLAGS: readonly (readonly [letter: string, name: LimitName, what: string])[] = [
  ['u', 'processes', 'max user processes'],
  ['n', 'fds', 'open files'],
  ['s', 'depth', 'nesting depth (functions, eval, $())'],
  ['v', 'stringLength', 'string length (characters)'],
  ['f', 'storeBytes', 'stored bytes (in-memory files)'],
  ['d', 'memoryBytes', 'data commands hold while they work (bytes)'],
  ['A', 'argvBytes', 'argument list (bytes)'],
  ['O', 'outputBytes', 'output a run collects (bytes)'],
  ['m', 'mounts', 'mount table entries'],
  ['P', 'srvPosts', '/srv posts'],
]

const USAGE = `ulimit [-a] [-${FLAGS.map(([l]) => l).join('')}] [N|unlimited]`

function show(value: number): string {
  return value === Infinity ? 'unlimited' : String(value)
}

export const ulimit: Builtin = {
  async run(sh, argv) {
    const limits = sh.proc.limits
    if (argv[1] === '--help') {
      await sh.write(1, `usage: ${USAGE}\nshow or lower the limits of this shell and its children\n${FLAGS.map(([l, , what]) => `-${l}  ${what}`).join('\n')}\n`)
      return 0
    }
    if (limits === undefined || sh.proc.lowerLimits === undefined) {
      await sh.error('ulimit: not implemented: limits in this system')
      return 1
    }
    const args = argv.slice(1)
    // bash: without a letter, -f; -H and -S (hard, soft) are one limit here
    const picked: [LimitName, string, string | undefined][] = []
    let all = false
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!
      if (!/^-[a-zA-Z]+$/.test(arg)) {
        if (picked.length === 0) picked.push(['storeBytes', 'stored bytes (in-memory files)', undefined])
        const last = picked[picked.length - 1]!
        if (last[2] !== undefined) return usage(sh, `${arg}: too many arguments`)
        last[2] = arg
        continue
      }
      for (const letter of arg.slice(1)) {
        if (letter === 'a') all = true
        else if (letter === 'H' || letter === 'S') continue
        else {
          const flag = FLAGS.find(([l]) => l === letter)
          if (flag === undefined) return usage(sh, `-${letter}: invalid option`)
          picked.push([flag[1], flag[2], undefined])
        }
      }
    }
    if (all || picked.length === 0) {
      const rows = all ? FLAGS : FLAGS.filter(([, name]) => name === 'storeBytes')
      await sh.write(1, rows.map(([l, name, what]) => (all ? `${`${what} (-${l})`.padEnd(44)} ${show(limits[name])}\n` : `${show(limits[name])}\n`)).join(''))
      if (picked.length === 0) return 0
    }
    let out = ''
    const changes: Partial<Record<LimitName, number>> = {}
    for (const [name, what, value] of picked) {
      if (value === undefined) {
        out += `${picked.length > 1 ? `${what}: ` : ''}${show(limits[name])}\n`
        continue
      }
      const n = value === 'unlimited' ? Infinity : /^[0-9]+$/.test(value) ? Number(value) : NaN
      if (!(n >= 0)) {
        await sh.error(`ulimit: ${value}: invalid number`)
        return sh.state.bash ? 1 : 2
      }
      changes[name] = n
    }
    if (out) await sh.write(1, out)
    try {
      sh.proc.lowerLimits(changes)
      sh.state.maxString = sh.proc.limits?.stringLength ?? Infinity
    } catch (e) {
      // a limit that cannot be raised: 2 as in dash, 1 as in bash
      await sh.error(`ulimit: ${reasonOf(e)}`)
      return sh.state.bash ? 1 : 2
    }
    return 0
  },
}

async function usage(sh: Parameters<Builtin['run']>[0], why: string): Promise<number> {
  await sh.error(`ulimit: ${why}\nusage: ${USAGE}`)
  return 2
}
