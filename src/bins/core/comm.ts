/** comm: compare two sorted files line by line, in three columns. */
import { command, fail, UsageError } from '../lib.ts'
import { LineCursor, OutputBuffer } from '../util/textio.ts'

export const comm = command({
  name: 'comm',
  usage: '[-123] [--output-delimiter=str] file1 file2',
  summary: 'compare two sorted files line by line',
  help: '  -1, -2, -3  leave out lines only in file1, only in file2, in both\n  --check-order, --nocheck-order, --output-delimiter=STR, --total',
  async run(proc) {
    const hide = [false, false, false]
    let delimiter = '\t'
    let checkOrder: boolean | undefined
    let total = false
    const names: string[] = []
    for (const arg of proc.argv.slice(1)) {
      if (arg.startsWith('--output-delimiter=')) delimiter = arg.slice(19)
      else if (arg === '--check-order') checkOrder = true
      else if (arg === '--nocheck-order') checkOrder = false
      else if (arg === '--total') total = true
      else if (/^-[123]+$/.test(arg)) for (const c of arg.slice(1)) hide[Number(c) - 1] = true
      else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`invalid option -- '${arg.slice(1)}'`)
      else names.push(arg)
    }
    if (names.length < 2) throw new UsageError(names.length === 0 ? 'missing operand' : `missing operand after '${names[0]}'`)
    if (names.length > 2) throw new UsageError(`extra operand '${names[2]}'`)
    // both inputs are walked as they arrive (`yes | comm - file` needs no more than a line of each)
    const cursors: LineCursor[] = []
    for (const name of names) {
      try {
        cursors.push(new LineCursor(proc, name === '-' ? 0 : await proc.open(name)))
      } catch (e) {
        await fail(proc, 'comm', name, e)
        return 1
      }
    }
    const [a, b] = cursors as [LineCursor, LineCursor]
    const out = new OutputBuffer(proc)
    const counts = [0, 0, 0]
    const indent = (column: number): string => {
      let s = ''
      for (let c = 0; c < column; c++) if (!hide[c]) s += delimiter
      return s
    }
    const emit = (column: number, line: string): void => {
      counts[column]!++
      if (!hide[column]) out.push(indent(column) + line + '\n')
    }
    // As GNU's: a line is checked against the one before it in its file as it is read, once a
    // line without a partner has been seen (always, with --check-order); each file warns once.
    const warned = [false, false]
    let unpaired = false
    /** Whether to go on after `line` followed `previous` in input `which`. */
    const check = async (previous: string | undefined, line: string | undefined, which: 1 | 2): Promise<boolean> => {
      if (checkOrder === false || (checkOrder === undefined && !unpaired) || warned[which - 1]) return true
      if (previous === undefined || line === undefined || previous <= line) return true
      warned[which - 1] = true
      await out.flush()
      await proc.stderr.write(`comm: file ${which} is not in sorted order\n`)
      return checkOrder !== true
    }
    let x = await a.next()
    let y = await b.next()
    while (x !== undefined || y !== undefined) {
      if (out.full) await out.flush()
      const order = x === undefined ? 1 : y === undefined ? -1 : x < y ? -1 : x > y ? 1 : 0
      if (order === 0) emit(2, x!)
      else {
        unpaired = true
        if (order < 0) emit(0, x!)
        else emit(1, y!)
      }
      if (order <= 0) {
        const previous = x
        x = await a.next()
        if (!(await check(previous, x, 1))) return 1
      }
      if (order >= 0) {
        const previous = y
        y = await b.next()
        if (!(await check(previous, y, 2))) return 1
      }
    }
    if (total) out.push(`${counts[0]}${delimiter}${counts[1]}${delimiter}${counts[2]}${delimiter}total\n`)
    await out.flush()
    if (warned[0] || warned[1]) {
      await proc.stderr.write('comm: input is not in sorted order\n')
      return 1
    }
    return 0
  },
})
