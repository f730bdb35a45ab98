/**
 * uniq [-cdui] [-f fields] [-s chars] [input [output]]: drops repeated adjacent lines, as GNU
 * uniq (the -c count is printed as `%7d `).
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs, UsageError } from '../lib.ts'
import { LineBatches, OutputBuffer } from '../util/textio.ts'

function count(flag: string | true | undefined, what: string): number {
  if (flag === undefined) return 0
  if (flag === true || !/^\d+$/.test(flag)) throw new UsageError(`${flag}: invalid number of ${what} to skip`)
  return Number(flag)
}

/** The part of a line uniq compares: after `fields` blank-separated fields and then `chars` characters. */
function comparable(line: string, fields: number, chars: number, fold: boolean): string {
  let at = 0
  for (let f = 0; f < fields; f++) {
    while (at < line.length && (line[at] === ' ' || line[at] === '\t')) at++
    while (at < line.length && line[at] !== ' ' && line[at] !== '\t') at++
  }
  const s = at + chars > 0 ? line.slice(at + chars) : line
  return fold ? s.toLowerCase() : s
}

async function run(proc: ProcContext): Promise<number> {
  const { flags, operands } = parseArgs(proc.argv, 'cduif:s:')
  if (operands.length > 2) throw new UsageError(`extra operand '${operands[2]}'`)
  const fields = count(flags['f'], 'fields')
  const chars = count(flags['s'], 'bytes')
  const fold = !!flags['i']
  const counts = !!flags['c']
  const onlyRepeated = !!flags['d']
  const onlyUnique = !!flags['u']
  const input = operands[0] ?? '-'
  let fd = 0
  if (input !== '-') {
    try {
      fd = await proc.open(input)
    } catch (e) {
      await fail(proc, 'uniq', input, e)
      return 1
    }
  }
  const outFd = operands[1] === undefined ? 1 : await proc.create(operands[1], 0o666, 1)
  const out = new OutputBuffer(proc, outFd)
  let prev: string | undefined
  let prevKey = ''
  let n = 0
  const emit = (): void => {
    if (prev === undefined || (onlyRepeated && n < 2) || (onlyUnique && n > 1)) return
    out.push(counts ? `${String(n).padStart(7)} ${prev}\n` : prev + '\n')
  }
  const plain = fields === 0 && chars === 0 && !fold
  for await (const batch of new LineBatches(proc, fd)) {
    for (const line of batch) {
      const key = plain ? line : comparable(line, fields, chars, fold)
      if (prev !== undefined && key === prevKey) {
        n++
        continue
      }
      emit()
      prev = line
      prevKey = key
      n = 1
    }
    if (out.full) await out.flush()
  }
  emit()
  await out.flush()
  if (fd !== 0) await proc.close(fd)
  if (outFd !== 1) await proc.close(outFd)
  return 0
}

export const uniq = command({
  name: 'uniq',
  usage: '[-cdui] [-f fields] [-s chars] [input [output]]',
  summary: 'report or omit repeated lines',
  help: `-c prefix lines with their count  -d only repeated lines  -u only unique lines
-i ignore case  -f N skip N fields  -s N skip N characters`,
  run,
})
