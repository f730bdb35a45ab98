/** join: join the lines of two sorted files on a common field. */
import type { ExitCode, ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs, UsageError, withInputs } from '../lib.ts'
import { Holding } from '../util/holding.ts'
import { InputFailure } from '../util/inputfailure.ts'
import { LineCursor, OutputBuffer } from '../util/textio.ts'
import { LINE_BYTES } from '../util/wholetext.ts'

interface Line {
  fields: string[]
  key: string
  /** Its key sorts before the line's before it: reported if it goes unpaired. */
  disordered: boolean
  /** What it holds, its text and fields, counted while it is kept in a group. */
  bytes: number
}

/** One input, read a line at a time: the line it is at. */
class JoinInput {
  private readonly cursor: LineCursor
  private key: string | undefined
  head: Line | undefined

  constructor(
    proc: ProcContext,
    fd: number,
    private readonly name: string,
    private readonly parse: (text: string) => { fields: string[]; key: string },
  ) {
    this.cursor = new LineCursor(proc, fd)
  }

  async advance(): Promise<void> {
    let text: string | undefined
    try {
      text = await this.cursor.next()
    } catch (e) {
      throw new InputFailure(this.name, e)
    }
    if (text === undefined) {
      this.head = undefined
      return
    }
    const { fields, key } = this.parse(text)
    this.head = { fields, key, disordered: this.key !== undefined && key < this.key, bytes: 2 * text.length + LINE_BYTES }
    this.key = key
  }
}

export const join = command({
  name: 'join',
  long: { 'ignore-case': 'i' },
  usage: '[-i] [-t char] [-1 field] [-2 field] [-j field] [-a filenum] [-v filenum] [-e empty] [-o format] file1 file2',
  summary: 'join lines of two files on a common field',
  help: '  -1 N, -2 N, -j N  the join field of file 1, 2, both (default 1)   -t C  field separator (default blanks)\n  -a N  also print unpairable lines of file N   -v N  only those   -e S  for missing fields   -o LIST  fields to print (N.M or 0; "auto")\n  -i  ignore case   --nocheck-order, --check-order, --header',
  async run(proc): Promise<ExitCode> {
    const argv = [...proc.argv]
    let checkOrder: boolean | undefined
    let header = false
    for (let i = argv.length - 1; i > 0; i--) {
      if (argv[i] === '--nocheck-order') checkOrder = false
      else if (argv[i] === '--check-order') checkOrder = true
      else if (argv[i] === '--header') header = true
      else continue
      argv.splice(i, 1)
    }
    const { flags, values, operands } = parseArgs(argv, 'it:1:2:j:a:v:e:o:', { permute: true })
    if (operands.length < 2) throw new UsageError(operands.length === 0 ? 'missing operand' : `missing operand after '${operands[0]}'`)
    if (operands.length > 2) throw new UsageError(`extra operand '${operands[2]}'`)
    if (operands[0] === '-' && operands[1] === '-') {
      await proc.stderr.write('join: both files cannot be standard input\n')
      return 1
    }
    const fieldNumber = (v: string | true | undefined): number => {
      if (v === undefined) return 0
      const n = Number(v)
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`invalid field number: '${v}'`)
      return n - 1
    }
    const f1 = fieldNumber(flags['1'] ?? flags.j)
    const f2 = fieldNumber(flags['2'] ?? flags.j)
    const sep = typeof flags.t === 'string' ? flags.t : undefined
    const outSep = sep ?? ' '
    const unpaired = new Set([...(values.a ?? []), ...(values.v ?? [])].map(Number))
    const only = values.v !== undefined
    const empty = typeof flags.e === 'string' ? flags.e : undefined
    const format = typeof flags.o === 'string' && flags.o !== 'auto' ? flags.o.split(/[,\s]+/).map((spec) => {
      if (spec === '0') return { file: 0, field: 0 }
      const m = /^([12])\.(\d+)$/.exec(spec)
      if (!m || m[2] === '0') throw new UsageError(`invalid field specifier: '${spec}'`)
      return { file: Number(m[1]), field: Number(m[2]) - 1 }
    }) : undefined
    const fold = flags.i ? (s: string) => s.toLowerCase() : (s: string) => s
    const split = (text: string): string[] => (sep === undefined ? text.split(/[ \t]+/).filter((f, i, all) => f !== '' || (i > 0 && i < all.length - 1)) : text.split(sep))
    const parse = (f: number) => (text: string): { fields: string[]; key: string } => {
      const fields = split(sep === undefined ? text.replace(/^[ \t]+/, '') : text)
      return { fields, key: fold(fields[f] ?? '') }
    }
    return withInputs(proc, 'join', operands, 1, async (fds) => {
      // both read a line at a time; only a group of file 2's lines with one key is kept
      const a = new JoinInput(proc, fds[0]!, operands[0]!, parse(f1))
      const b = new JoinInput(proc, fds[1]!, operands[1]!, parse(f2))
      // written as it is made: the lines of two groups with one key are joined each with each
      const out = new OutputBuffer(proc)
      const fieldOf = (line: Line | undefined, n: number): string | undefined => line?.fields[n]
      const render = (l1: Line | undefined, l2: Line | undefined): string => {
        if (format) {
          return format.map(({ file, field }) => {
            const value = file === 0 ? (l1 ? fieldOf(l1, f1) : fieldOf(l2, f2)) : fieldOf(file === 1 ? l1 : l2, field)
            return value ?? empty ?? ''
          }).join(outSep) + '\n'
        }
        const key = l1 ? l1.fields[f1] : l2!.fields[f2]
        const rest = (line: Line | undefined, skip: number): string[] => (line ? line.fields.filter((_, i) => i !== skip) : [])
        return [key ?? empty ?? '', ...rest(l1, f1), ...rest(l2, f2)].join(outSep) + '\n'
      }
      let disorder = false
      try {
        await a.advance()
        await b.advance()
        if (header && a.head !== undefined && b.head !== undefined) {
          out.push(render(a.head, b.head))
          await a.advance()
          await b.advance()
        }
        const group = new Holding(proc)
        for (;;) {
          if (out.full) await out.flush()
          const x = a.head
          const y = b.head
          if (x === undefined && y === undefined) break
          const order = x === undefined ? 1 : y === undefined ? -1 : x.key < y.key ? -1 : x.key > y.key ? 1 : 0
          if (order < 0) {
            if (x!.disordered) disorder = true
            if (unpaired.has(1)) out.push(render(x, undefined))
            await a.advance()
          } else if (order > 0) {
            if (y!.disordered) disorder = true
            if (unpaired.has(2)) out.push(render(undefined, y))
            await b.advance()
          } else {
            const key = x!.key
            const lines: Line[] = []
            let bytes = 0
            for (let l = b.head; l !== undefined && l.key === key; l = b.head) {
              lines.push(l)
              group.set((bytes += l.bytes))
              await b.advance()
            }
            for (let l = a.head; l !== undefined && l.key === key; l = a.head) {
              if (!only) {
                for (const m of lines) {
                  out.push(render(l, m))
                  if (out.full) await out.flush()
                }
              }
              await a.advance()
            }
            group.set(0)
          }
        }
      } catch (e) {
        if (!(e instanceof InputFailure)) throw e
        await out.flush()
        await fail(proc, 'join', e.name, e.cause)
        return 1
      }
      await out.flush()
      if (disorder && checkOrder !== false) {
        await proc.stderr.write('join: input is not in sorted order\n')
        return 1
      }
      return 0
    })
  },
})
