/**
 * find: walk directory trees and print the paths an expression selects. Tests: -name, -iname,
 * -path, -type f|d, -true, -false; action -print (the default); operators ( ) ! -not -a -and
 * -o -or; options -maxdepth N, -mindepth N. Entries come in directory order, as GNU find's.
 */
import type { Dir, ExitCode } from '../../kernel/types.ts'
import { command, fail, LineWriter, usage } from '../lib.ts'
import { patternTest } from '../util/fnmatch.ts'
import { isDir, lastElement, walkTree } from '../util/files.ts'

const USAGE = '[path ...] [expression]'

interface Visit {
  path: string
  /** The last element of `path` as written: what -name matches. */
  name: string
  dir: Dir
}

/** A compiled expression: whether it is true of one visited file. */
type Test = (v: Visit) => Promise<boolean> | boolean

class FindError extends Error {}

export const find = command({
  name: 'find',
  usage: USAGE,
  summary: 'search for files in directory trees',
  help: [
    '  -name pattern   the last element matches a shell pattern (-iname: ignoring case)',
    '  -path pattern   the whole path matches a shell pattern',
    '  -type f|d       a plain file or a directory',
    '  -maxdepth N     descend at most N levels (-mindepth N: act only N levels down or deeper)',
    '  -print          print the path (the default action)',
    '  ( expr )  ! expr  expr -a expr  expr -o expr',
  ].join('\n'),
  async run(proc) {
    const args = proc.argv.slice(1)
    let first = args.findIndex((a) => a.startsWith('-') || a === '(' || a === '!')
    if (first < 0) first = args.length
    const roots = first > 0 ? args.slice(0, first) : ['.']
    const out = new LineWriter(proc)
    let parsed: Parsed
    try {
      parsed = new Parser(args.slice(first), out).parse()
    } catch (e) {
      if (!(e instanceof FindError)) throw e
      return usage(proc, 'find', USAGE, e.message)
    }
    const { test, printed, maxDepth, minDepth } = parsed
    let status: ExitCode = 0
    const report = async (path: string, e: unknown): Promise<void> => {
      await out.flush()
      status = 1
      await fail(proc, 'find', path, e)
    }
    for (const root of roots) {
      let dir: Dir
      try {
        dir = await proc.stat(root)
      } catch (e) {
        await report(root, e)
        continue
      }
      await walkTree(
        proc,
        root,
        dir,
        async (path, d, depth) => {
          // below the root the listing gave each name; the root's is the operand's last element
          const name = depth === 0 ? lastElement(path) : d.name
          if (depth >= minDepth && (await test({ path, name, dir: d })) && !printed) await out.write(path + '\n')
          return depth < maxDepth
        },
        report,
      )
    }
    await out.flush()
    return status
  },
})

interface Parsed {
  test: Test
  printed: boolean
  maxDepth: number
  minDepth: number
}

/** Recursive descent over the expression's words: or := and (-o and)*, and := not ([-a] not)*. */
class Parser {
  private i = 0
  private printed = false
  private maxDepth = Infinity
  private minDepth = 0

  constructor(
    private readonly words: string[],
    private readonly out: LineWriter,
  ) {}

  parse(): Parsed {
    const test = this.words.length === 0 ? () => true : this.or()
    if (this.i < this.words.length) throw new FindError(`unexpected argument: '${this.words[this.i]}'`)
    return { test, printed: this.printed, maxDepth: this.maxDepth, minDepth: this.minDepth }
  }

  private peek(): string | undefined {
    return this.words[this.i]
  }

  private or(): Test {
    let left = this.and()
    while (this.peek() === '-o' || this.peek() === '-or') {
      this.i++
      const a = left
      const b = this.and()
      left = async (v) => (await a(v)) || b(v)
    }
    return left
  }

  private and(): Test {
    let left = this.not()
    for (;;) {
      const w = this.peek()
      if (w === undefined || w === '-o' || w === '-or' || w === ')') return left
      if (w === '-a' || w === '-and') this.i++
      const a = left
      const b = this.not()
      left = async (v) => (await a(v)) && b(v)
    }
  }

  private not(): Test {
    const w = this.peek()
    if (w === '!' || w === '-not') {
      this.i++
      const t = this.not()
      return async (v) => !(await t(v))
    }
    return this.primary()
  }

  private value(option: string): string {
    const v = this.words[this.i++]
    if (v === undefined) throw new FindError(`missing argument to '${option}'`)
    return v
  }

  private depth(option: string): number {
    const v = this.value(option)
    if (!/^\d+$/.test(v)) throw new FindError(`invalid argument '${v}' to '${option}'`)
    return Number(v)
  }

  private primary(): Test {
    const w = this.words[this.i++]
    switch (w) {
      case undefined:
        throw new FindError('expected an expression')
      case '(': {
        const t = this.or()
        if (this.words[this.i++] !== ')') throw new FindError("missing ')'")
        return t
      }
      case '-name':
      case '-iname': {
        const matches = patternTest(this.value(w), w === '-iname')
        return (v) => matches(v.name)
      }
      case '-path': {
        const matches = patternTest(this.value(w))
        return (v) => matches(v.path)
      }
      case '-type': {
        const t = this.value(w)
        if (t !== 'f' && t !== 'd') throw new FindError(`unknown argument to -type: ${t}`)
        return (v) => isDir(v.dir) === (t === 'd')
      }
      case '-print':
        this.printed = true
        return async (v) => {
          await this.out.write(v.path + '\n')
          return true
        }
      case '-true':
        return () => true
      case '-false':
        return () => false
      case '-maxdepth':
        this.maxDepth = this.depth(w)
        return () => true
      case '-mindepth':
        this.minDepth = this.depth(w)
        return () => true
      default:
        throw new FindError(w.startsWith('-') ? `unknown predicate '${w}'` : `paths must precede expression: '${w}'`)
    }
  }
}

