/**
 * test and [ (XCU test): file tests through the namespace, string and integer comparisons,
 * ! -a -o and parentheses, with POSIX's rules for one to four arguments.
 */
import { DMDIR, type Dir } from '../../kernel/types.ts'
import type { Shell } from '../interp.ts'
import type { Builtin } from './builtin.ts'

class TestError extends Error {}

const UNARY = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-z', '-n', '-b', '-c', '-p', '-S', '-L', '-h', '-t', '-g', '-u', '-k'])
const BINARY = new Set(['=', '!=', '==', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef'])

function integer(s: string): number {
  const t = s.trim()
  if (!/^[-+]?[0-9]+$/.test(t)) throw new TestError(`${s}: bad number`)
  return Number(t)
}

/** Whether the user may access the file: owner, group, then other bits. */
function permitted(sh: Shell, d: Dir, bit: number): boolean {
  const u = sh.proc.user
  if (d.uid === u.uid) return ((d.mode >> 6) & bit) !== 0
  if (u.groups.includes(d.gid)) return ((d.mode >> 3) & bit) !== 0
  return (d.mode & bit) !== 0
}

async function unary(sh: Shell, op: string, arg: string): Promise<boolean> {
  switch (op) {
    case '-z':
      return arg === ''
    case '-n':
      return arg !== ''
    case '-t': {
      const real = sh.io.get(integer(arg))
      return real !== undefined && sh.proc.isatty(real)
    }
  }
  let d: Dir
  try {
    d = await sh.proc.stat(arg)
  } catch {
    return false
  }
  const isDir = (d.mode & DMDIR) !== 0
  switch (op) {
    case '-e':
      return true
    case '-f':
      return !isDir
    case '-d':
      return isDir
    case '-s':
      return d.length > 0
    case '-r':
      return permitted(sh, d, 4)
    case '-w':
      return permitted(sh, d, 2)
    case '-x':
      return permitted(sh, d, 1)
    default:
      // block and character devices, pipes, sockets, links, set-id bits: Plan 9 files have none
      return false
  }
}

async function binary(sh: Shell, a: string, op: string, b: string): Promise<boolean> {
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
  }
  const sa = await sh.proc.stat(a).catch(() => undefined)
  const sb = await sh.proc.stat(b).catch(() => undefined)
  if (op === '-ef') return sa !== undefined && sb !== undefined && sa.qid.path === sb.qid.path && sa.qid.type === sb.qid.type
  if (op === '-nt') return sa !== undefined && (sb === undefined || sa.mtime > sb.mtime)
  return sb !== undefined && (sa === undefined || sa.mtime < sb.mtime)
}

/** The general grammar, for five or more arguments (and the cases the short rules leave). */
class Expr {
  private i = 0
  constructor(
    private readonly sh: Shell,
    private readonly args: readonly string[],
  ) {}

  async parse(): Promise<boolean> {
    const v = await this.or()
    if (this.i < this.args.length) throw new TestError(`${this.args[this.i]}: unexpected operator`)
    return v
  }

  private async or(): Promise<boolean> {
    let v = await this.and()
    while (this.args[this.i] === '-o') {
      this.i++
      const w = await this.and()
      v = v || w
    }
    return v
  }

  private async and(): Promise<boolean> {
    let v = await this.not()
    while (this.args[this.i] === '-a') {
      this.i++
      const w = await this.not()
      v = v && w
    }
    return v
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
    if (t === undefined) throw new TestError('argument expected')
    if (t === '(' && this.i + 1 < a.length) {
      // `( op )` with a binary operator in the middle is a comparison, not grouping
      if (!(a[this.i + 2] !== undefined && BINARY.has(a[this.i + 1]!) && a[this.i + 3] !== ')')) {
        this.i++
        const v = await this.or()
        if (a[this.i] !== ')') throw new TestError('missing )')
        this.i++
        return v
      }
    }
    if (a[this.i + 1] !== undefined && BINARY.has(a[this.i + 1]!) && a[this.i + 2] !== undefined) {
      this.i += 3
      return binary(this.sh, t, a[this.i - 2]!, a[this.i - 1]!)
    }
    if (UNARY.has(t) && a[this.i + 1] !== undefined) {
      this.i += 2
      return unary(this.sh, t, a[this.i - 1]!)
    }
    this.i++
    return t !== ''
  }
}

async function evaluate(sh: Shell, args: readonly string[]): Promise<boolean> {
  switch (args.length) {
    case 0:
      return false
    case 1:
      return args[0] !== ''
    case 2:
      if (args[0] === '!') return args[1] === ''
      if (UNARY.has(args[0]!)) return unary(sh, args[0]!, args[1]!)
      break
    case 3:
      if (BINARY.has(args[1]!)) return binary(sh, args[0]!, args[1]!, args[2]!)
      if (args[0] === '!') return !(await evaluate(sh, args.slice(1)))
      if (args[0] === '(' && args[2] === ')') return args[1] !== ''
      break
    case 4:
      if (args[0] === '!') return !(await evaluate(sh, args.slice(1)))
      if (args[0] === '(' && args[3] === ')') return evaluate(sh, args.slice(1, 3))
      break
  }
  return new Expr(sh, args).parse()
}

export const test: Builtin = {
  async run(sh, argv) {
    let args = argv.slice(1)
    if (argv[0] === '[') {
      if (args[args.length - 1] !== ']') {
        await sh.error('[: missing ]')
        return 2
      }
      args = args.slice(0, -1)
    }
    try {
      return (await evaluate(sh, args)) ? 0 : 1
    } catch (e) {
      if (!(e instanceof TestError)) throw e
      await sh.error(`${argv[0]}: ${e.message}`)
      return 2
    }
  },
}
