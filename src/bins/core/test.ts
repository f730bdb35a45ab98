/**
 * test expression: POSIX test (as GNU coreutils'), status 0 true, 1 false, 2 error.
 * `evaluateTest` is exported so the shell's test/[ builtin can share it (passing its descriptor
 * map for -t).
 */
import { DMDIR, type Dir, type ProcContext } from '../../kernel/types.ts'
import { command } from '../lib.ts'

/** A malformed expression; `kind` marks the errors each shell words its own way (a word that is no integer, words left over). */
export class TestSyntaxError extends Error {
  constructor(
    message: string,
    readonly kind?: 'integer' | 'extra',
    readonly word = '',
  ) {
    super(message)
  }
}

const UNARY_FILE = new Set(['-e', '-f', '-d', '-r', '-w', '-x', '-s', '-L', '-h', '-p', '-b', '-c', '-S', '-g', '-u', '-k', '-O', '-G'])
export const UNARY = new Set([...UNARY_FILE, '-n', '-z', '-t'])
export const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef'])

/** The shells' words for an error this command words as GNU's test does (dash's, or bash's). */
export function shellWording(bash: boolean, e: TestSyntaxError): string {
  if (e.kind === 'integer') return bash ? `${e.word}: integer expression expected` : `Illegal number: ${e.word}`
  if (e.kind === 'extra' && bash) return 'too many arguments'
  return e.message
}

function integer(s: string): bigint {
  const m = /^[ \t\n]*([+-]?\d+)[ \t\n]*$/.exec(s)
  if (!m) throw new TestSyntaxError(`invalid integer '${s}'`, 'integer', s)
  return BigInt(m[1]!)
}

async function statOf(proc: ProcContext, path: string): Promise<Dir | undefined> {
  if (path === '') return undefined
  try {
    return await proc.stat(path)
  } catch {
    return undefined
  }
}

/** Permission check by the owner/group/other bits (r 4, w 2, x 1). */
function allowed(proc: ProcContext, d: Dir, bit: number): boolean {
  const { uid, groups } = proc.user
  const shift = d.uid === uid ? 6 : groups.includes(d.gid) ? 3 : 0
  return ((d.mode >> shift) & bit) !== 0
}

export interface TestOptions {
  /** The real descriptor behind a number the expression names (the shell's redirections); default itself. */
  fd?: (n: number) => number | undefined
}

export async function unary(proc: ProcContext, op: string, arg: string, options: TestOptions): Promise<boolean> {
  if (op === '-n') return arg !== ''
  if (op === '-z') return arg === ''
  if (op === '-t') {
    const n = Number(integer(arg))
    const real = options.fd ? options.fd(n) : n
    return real !== undefined && proc.isatty(real)
  }
  const d = await statOf(proc, arg)
  if (!d) return false
  const dir = (d.mode & DMDIR) !== 0
  switch (op) {
    case '-e':
      return true
    case '-f':
      return !dir
    case '-d':
      return dir
    case '-r':
      return allowed(proc, d, 4)
    case '-w':
      return allowed(proc, d, 2)
    case '-x':
      return allowed(proc, d, 1)
    case '-s':
      return d.length > 0
    case '-O':
      return d.uid === proc.user.uid
    case '-G':
      return d.gid === proc.user.gid
    default:
      // -L -h -p -b -c -S -g -u -k: Plan 9 has no symlinks, fifos, device nodes, sockets or set-id bits
      return false
  }
}

export async function binary(proc: ProcContext, a: string, op: string, b: string): Promise<boolean> {
  switch (op) {
    case '=':
    case '==':
      return a === b
    case '!=':
      return a !== b
    case '<':
      return a < b
    case '>':
      return a > b
    case '-eq':
      return integer(a) === integer(b)
    case '-ne':
      return integer(a) !== integer(b)
    case '-lt':
      return integer(a) < integer(b)
    case '-le':
      return integer(a) <= integer(b)
    case '-gt':
      return integer(a) > integer(b)
    case '-ge':
      return integer(a) >= integer(b)
    case '-nt':
    case '-ot':
    case '-ef': {
      const x = await statOf(proc, a)
      const y = await statOf(proc, b)
      if (op === '-ef') return x !== undefined && y !== undefined && x.qid.path === y.qid.path && x.qid.type === y.qid.type
      if (op === '-ot') return y !== undefined && (x === undefined || x.mtime < y.mtime)
      return x !== undefined && (y === undefined || x.mtime > y.mtime)
    }
    default:
      throw new TestSyntaxError(`${op}: binary operator expected`)
  }
}

/** Recursive descent over `-o` (lowest), `-a`, `!`, `( )` and the primaries. */
class Parser {
  private i = 0
  constructor(
    private readonly proc: ProcContext,
    private readonly args: readonly string[],
    private readonly options: TestOptions,
  ) {}

  async parse(): Promise<boolean> {
    const r = await this.or()
    if (this.i < this.args.length) throw new TestSyntaxError(`extra argument '${this.args[this.i]}'`, 'extra')
    return r
  }

  private async or(): Promise<boolean> {
    let r = await this.and()
    while (this.args[this.i] === '-o') {
      this.i++
      r = (await this.and()) || r
    }
    return r
  }

  private async and(): Promise<boolean> {
    let r = await this.not()
    while (this.args[this.i] === '-a') {
      this.i++
      r = (await this.not()) && r
    }
    return r
  }

  private async not(): Promise<boolean> {
    if (this.args[this.i] === '!' && this.i + 1 < this.args.length) {
      this.i++
      return !(await this.not())
    }
    return this.primary()
  }

  private async primary(): Promise<boolean> {
    const a = this.args
    const t = a[this.i]
    if (t === undefined) throw new TestSyntaxError(`missing argument after '${a[this.i - 1] ?? ''}'`)
    // a binary operator wins over ( and unary readings: `test -n = -n`, `test ( = (`
    if (this.i + 2 < a.length && BINARY.has(a[this.i + 1]!)) {
      this.i += 3
      return binary(this.proc, t, a[this.i - 2]!, a[this.i - 1]!)
    }
    if (t === '(') {
      this.i++
      const r = await this.or()
      if (a[this.i] !== ')') throw new TestSyntaxError(`')' expected`)
      this.i++
      return r
    }
    if (UNARY.has(t) && this.i + 1 < a.length) {
      this.i += 2
      return unary(this.proc, t, a[this.i - 1]!, this.options)
    }
    this.i++
    return t !== ''
  }
}

/** Evaluates a test expression (the arguments after `test`). Throws TestSyntaxError. */
export async function evaluateTest(proc: ProcContext, args: readonly string[], options: TestOptions = {}): Promise<boolean> {
  const n = args.length
  // POSIX fixes the meaning of up to four arguments, whatever they look like
  if (n === 0) return false
  if (n === 1) return args[0] !== ''
  if (n === 2) {
    if (args[0] === '!') return args[1] === ''
    if (UNARY.has(args[0]!)) return unary(proc, args[0]!, args[1]!, options)
    throw new TestSyntaxError(`${args[0]}: unary operator expected`)
  }
  if (n === 3) {
    if (BINARY.has(args[1]!)) return binary(proc, args[0]!, args[1]!, args[2]!)
    if (args[0] === '!') return !(await evaluateTest(proc, args.slice(1), options))
    if (args[0] === '(' && args[2] === ')') return args[1] !== ''
    if (args[1] === '-a' || args[1] === '-o') return new Parser(proc, args, options).parse()
    throw new TestSyntaxError(`${args[1]}: binary operator expected`)
  }
  if (n === 4) {
    if (args[0] === '!') return !(await evaluateTest(proc, args.slice(1), options))
    if (args[0] === '(' && args[3] === ')') return evaluateTest(proc, args.slice(1, 3), options)
  }
  return new Parser(proc, args, options).parse()
}

export const test = command({
  name: 'test',
  usage: 'expression',
  summary: 'evaluate a conditional expression',
  help: `Strings: -n S, -z S, S1 = S2, S1 != S2, S1 < S2, S1 > S2
Integers: N1 -eq -ne -lt -le -gt -ge N2
Files: -e -f -d -r -w -x -s -O -G F, F1 -nt -ot -ef F2 (-L -h -p -b -c -S -u -g -k are always false)
Combining: ! E, E -a E, E -o E, ( E ). Status: 0 true, 1 false, 2 error.`,
  async run(proc) {
    try {
      return (await evaluateTest(proc, proc.argv.slice(1))) ? 0 : 1
    } catch (e) {
      if (!(e instanceof TestSyntaxError)) throw e
      await proc.stderr.write(`test: ${e.message}\n`)
      return 2
    }
  },
})
