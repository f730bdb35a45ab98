/**
 * jq: the command-line JSON processor. Options are parsed here and files read from the
 * namespace; the filter runs in the real jq (util/jqengine.ts).
 */
import type { ExitCode, ProcContext } from '../../kernel/types.ts'
import { command, decode, readAll } from '../lib.ts'
import { callWorker, type HostWorkers } from '../../hostworker.ts'
import { jqCall, type JqCall, type JqRun } from '../util/jqcall.ts'
import { runJq } from '../util/jqengine.ts'

const USAGE = '[options] filter [file ...]'

/** Flags jq takes as they are, long and short. */
const PLAIN: Record<string, string> = {
  r: '-r', j: '-j', a: '-a', c: '-c', s: '-s', n: '-n', e: '-e', S: '-S', C: '-C', M: '-M', R: '-R',
  '--raw-output': '-r', '--join-output': '-j', '--ascii-output': '-a', '--compact-output': '-c',
  '--slurp': '-s', '--null-input': '-n', '--exit-status': '-e', '--sort-keys': '-S',
  '--color-output': '-C', '--monochrome-output': '-M', '--raw-input': '-R', '--tab': '--tab',
}

interface Invocation {
  flags: string[]
  filter: string | undefined
  filterFile: string | undefined
  files: string[]
  /** Files to read as whole values: [name, path, slurp (JSON values) or raw text]. */
  fileArgs: [string, string, 'json' | 'raw'][]
  /** After --args (strings) or --jsonargs (JSON texts): $ARGS.positional. */
  positional: string[]
  positionalJson: boolean
}

class JqUsage extends Error {}

function parse(argv: readonly string[]): Invocation {
  const inv: Invocation = { flags: [], filter: undefined, filterFile: undefined, files: [], fileArgs: [], positional: [], positionalJson: false }
  let positional = false
  const need = (i: number, n: number, what: string): void => {
    if (i + n >= argv.length) throw new JqUsage(`${what} takes ${n === 1 ? 'a parameter' : 'two parameters'}`)
  }
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!
    const operand = (): void => {
      if (inv.filter === undefined && inv.filterFile === undefined) inv.filter = arg
      else if (positional) inv.positional.push(arg)
      else inv.files.push(arg)
    }
    if (arg === '-' || !arg.startsWith('-')) {
      operand()
      continue
    }
    if (arg.startsWith('--')) {
      const flag = PLAIN[arg]
      if (flag) inv.flags.push(flag)
      else if (arg === '--indent') {
        need(i, 1, '--indent')
        inv.flags.push('--indent', argv[++i]!)
      } else if (arg === '--arg' || arg === '--argjson') {
        need(i, 2, arg)
        inv.flags.push(arg, argv[i + 1]!, argv[i + 2]!)
        i += 2
      } else if (arg === '--slurpfile' || arg === '--rawfile') {
        need(i, 2, arg)
        inv.fileArgs.push([argv[i + 1]!, argv[i + 2]!, arg === '--rawfile' ? 'raw' : 'json'])
        i += 2
      } else if (arg === '--from-file') {
        need(i, 1, arg)
        inv.filterFile = argv[++i]!
      } else if (arg === '--args' || arg === '--jsonargs') {
        positional = true
        inv.positionalJson = arg === '--jsonargs'
      } else throw new JqUsage(`Unknown option: ${arg}`)
      continue
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!
      if (PLAIN[letter]) inv.flags.push(PLAIN[letter]!)
      else if (letter === 'f') {
        need(i, 1, '-f')
        inv.filterFile = argv[++i]!
      } else throw new JqUsage(`Unknown option: ${arg}`)
    }
  }
  return inv
}

/**
 * Where this process's jq runs: in one of the system's host workers, which the process's end
 * ends (a filter that never ends can then be killed) and whose memory is held to the process's
 * limit, or, where the host gave none, in this thread.
 */
function engineOf(proc: ProcContext): JqCall {
  const workers = (proc as { workers?: HostWorkers }).workers
  if (workers === undefined) return jqCall
  return (request) => callWorker(workers, 'jq', { ...request, memoryBytes: proc.limits?.memoryBytes }, proc.ended) as Promise<JqRun>
}

async function readFile(proc: ProcContext, path: string): Promise<string> {
  const fd = await proc.open(path)
  try {
    return decode(await readAll(proc, fd))
  } finally {
    await proc.close(fd).catch(() => {})
  }
}

export const jq = command({
  name: 'jq',
  usage: USAGE,
  summary: 'command-line JSON processor',
  help: [
    '  -r, --raw-output     strings without quotes     -j, --join-output  as -r, no newlines',
    '  -c, --compact-output one value a line           -s, --slurp        read all inputs into an array',
    '  -n, --null-input     run once on null           -R, --raw-input    each line is a string',
    '  -e, --exit-status    status from the last output (1 false/null, 4 none)',
    '  -a, -S, --tab, --indent n   ASCII output, sorted keys, indentation',
    '  --arg name value, --argjson name json, --slurpfile name file, --rawfile name file',
    '  --args, --jsonargs   remaining operands are $ARGS.positional; -f file: the filter from a file',
  ].join('\n'),
  async run(proc): Promise<ExitCode> {
    let inv: Invocation
    try {
      inv = parse(proc.argv)
    } catch (e) {
      if (!(e instanceof JqUsage)) throw e
      await proc.stderr.write(`jq: ${e.message}\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n`)
      return 2
    }
    const flags = [...inv.flags]
    const engine = engineOf(proc)
    let filter = inv.filter
    let status: ExitCode = 0
    try {
      if (inv.filterFile !== undefined) {
        if (inv.filter !== undefined) inv.files.unshift(inv.filter)
        filter = await readFile(proc, inv.filterFile)
      }
      for (const [name, path, kind] of inv.fileArgs) {
        const text = await readFile(proc, path)
        if (kind === 'raw') flags.push('--arg', name, text)
        else {
          const slurped = await runJq(text, '.', ['-c', '-s'], { exitStatus: false, join: false, nullInput: false }, engine)
          if (slurped.status !== 0) {
            await proc.stderr.write(`jq: Bad JSON in --slurpfile ${name} ${path}: ${slurped.stderr.trim()}\n`)
            return 2
          }
          flags.push('--argjson', name, slurped.stdout)
        }
      }
    } catch (e) {
      await proc.stderr.write(`jq: error: Could not open ${inv.filterFile ?? ''}: ${String((e as Error).message ?? e)}\n`)
      return 2
    }
    filter ??= '.'
    if (inv.positional.length > 0) {
      // the engine puts its own input file after the flags, so positional operands go in as a literal
      let values: unknown[]
      try {
        values = inv.positionalJson ? inv.positional.map((t) => JSON.parse(t) as unknown) : inv.positional
      } catch {
        await proc.stderr.write(`jq: Invalid JSON text passed to --jsonargs\n`)
        return 2
      }
      filter = `(${JSON.stringify(values)}) as $__nf_positional | ($ARGS | .positional = $__nf_positional) as $ARGS | ${filter}`
    }
    for (let i = 0; i < flags.length; i++) {
      if (flags[i] !== '--argjson') continue
      try {
        JSON.parse(flags[i + 2]!)
      } catch {
        await proc.stderr.write(`jq: Invalid JSON text passed to --argjson\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n`)
        return 2
      }
      i += 2
    }
    const nullInput = flags.includes('-n')
    let input = ''
    // jq -n reads its input only through input/inputs
    if (!nullInput || /\binputs?\b/.test(filter)) {
      if (inv.files.length === 0) input = decode(await readAll(proc, 0))
      else {
        const parts: string[] = []
        for (const name of inv.files) {
          try {
            parts.push(name === '-' ? decode(await readAll(proc, 0)) : await readFile(proc, name))
          } catch (e) {
            await proc.stderr.write(`jq: error: Could not open ${name}: ${String((e as Error).message ?? e)}\n`)
            status = 2
          }
        }
        input = parts.join('\n')
      }
    }
    const result = await runJq(input, filter, flags, { exitStatus: flags.includes('-e'), join: flags.includes('-j'), nullInput }, engine)
    if (result.stdout) await proc.stdout.write(result.stdout)
    if (result.stderr) await proc.stderr.write(result.stderr)
    return result.status !== 0 ? result.status : status
  },
})
