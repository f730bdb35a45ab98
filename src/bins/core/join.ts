/** join: join the lines of two sorted files on a common field. */
import type { ExitCode } from '../../kernel/types.ts'
import { command, fail, parseArgs, UsageError } from '../lib.ts'
import { OutputBuffer } from '../util/textio.ts'
import { keptLines, readText } from '../util/wholetext.ts'

interface Line {
  fields: string[]
  key: string
}

export const join = command({
  name: 'join',
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
    const { flags, values, operands } = parseArgs(argv, 'it:1:2:j:a:v:e:o:')
    if (operands.length < 2) throw new UsageError(operands.length === 0 ? 'missing operand' : `missing operand after '${operands[0]}'`)
    if (operands.length > 2) throw new UsageError(`extra operand '${operands[2]}'`)
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
    const files: Line[][] = []
    for (const [i, name] of operands.entries()) {
      try {
        const f = i === 0 ? f1 : f2
        files.push(keptLines(proc, await readText(proc, name)).lines.map((text) => {
          const fields = split(sep === undefined ? text.replace(/^[ \t]+/, '') : text)
          return { fields, key: fold(fields[f] ?? '') }
        }))
      } catch (e) {
        await fail(proc, 'join', name, e)
        return 1
      }
    }
    const [a, b] = files as [Line[], Line[]]
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
    let i = 0
    let j = 0
    if (header && a.length > 0 && b.length > 0) {
      out.push(render(a[0], b[0]))
      i = j = 1
    }
    let disorder = false
    const sorted = (lines: Line[], at: number): boolean => at === 0 || lines[at - 1]!.key <= lines[at]!.key
    while (i < a.length || j < b.length) {
      if (out.full) await out.flush()
      const order = i >= a.length ? 1 : j >= b.length ? -1 : a[i]!.key < b[j]!.key ? -1 : a[i]!.key > b[j]!.key ? 1 : 0
      if (order < 0) {
        if (!sorted(a, i)) disorder = true
        if (unpaired.has(1)) out.push(render(a[i], undefined))
        i++
      } else if (order > 0) {
        if (!sorted(b, j)) disorder = true
        if (unpaired.has(2)) out.push(render(undefined, b[j]))
        j++
      } else {
        const key = a[i]!.key
        let iEnd = i
        while (iEnd < a.length && a[iEnd]!.key === key) iEnd++
        let jEnd = j
        while (jEnd < b.length && b[jEnd]!.key === key) jEnd++
        if (!only) {
          for (let x = i; x < iEnd; x++) {
            for (let y = j; y < jEnd; y++) {
              out.push(render(a[x], b[y]))
              if (out.full) await out.flush()
            }
          }
        }
        i = iEnd
        j = jEnd
      }
    }
    await out.flush()
    if (disorder && checkOrder !== false) {
      await proc.stderr.write('join: input is not in sorted order\n')
      return 1
    }
    return 0
  },
})
