/**
 * uniq [-cdDui] [-f fields] [-s chars] [-w chars] [input [output]]: drops repeated adjacent lines, as GNU
 * uniq (the -c count is printed as `%7d `).
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs, UsageError } from '../lib.ts'
import { LineBatches, OutputBuffer } from '../util/textio.ts'

function count(flag: string | true | undefined, what: string): number {
  if (flag === undefined) return 0
  if (flag === true || !/^\d+$/.test(flag)) throw new UsageError(`${flag}: invalid number of ${what}`)
  return Number(flag)
}

/**
 * The part of a line uniq compares: after `fields` blank-separated fields and then `chars`
 * characters, at most `width` characters.
 */
function comparable(line: string, fields: number, chars: number, width: number, fold: boolean): string {
  let at = 0
  for (let f = 0; f < fields; f++) {
    while (at < line.length && (line[at] === ' ' || line[at] === '\t')) at++
    while (at < line.length && line[at] !== ' ' && line[at] !== '\t') at++
  }
  const s = at + chars > 0 || width < Infinity ? line.slice(at + chars, at + chars + width) : line
  return fold ? s.toLowerCase() : s
}

async function run(proc: ProcContext): Promise<number> {
  const { flags, operands } = parseArgs(proc.argv, 'cdDuizf:s:w:', { permute: true })
  if (operands.length > 2) throw new UsageError(`extra operand '${operands[2]}'`)
  const fields = count(flags['f'], 'fields to skip')
  const chars = count(flags['s'], 'bytes to skip')
  const width = flags['w'] === undefined ? Infinity : count(flags['w'], 'bytes to compare')
  const allRepeated = !!flags['D']
  if (allRepeated && flags['c']) throw new UsageError('printing all duplicated lines and repeat counts is meaningless')
  const fold = !!flags['i']
  const counts = !!flags['c']
  const onlyRepeated = !!flags['d']
  const onlyUnique = !!flags['u']
  // -z: lines end in NUL, in and out
  const eol = flags['z'] ? '\0' : '\n'
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
  /** With -D, the lines of the current group; GNU's -D -u leaves out each group's last. */
  let group: string[] = []
  const emit = (): void => {
    if (allRepeated) {
      if (n > 1) for (const line of onlyUnique ? group.slice(0, -1) : group) out.push(line + eol)
      return
    }
    if (prev === undefined || (onlyRepeated && n < 2) || (onlyUnique && n > 1)) return
    out.push(counts ? `${String(n).padStart(7)} ${prev}${eol}` : prev + eol)
  }
  const plain = fields === 0 && chars === 0 && width === Infinity && !fold
  for await (const batch of new LineBatches(proc, fd, eol)) {
    for (const line of batch) {
      const key = plain ? line : comparable(line, fields, chars, width, fold)
      if (prev !== undefined && key === prevKey) {
        n++
        if (allRepeated) group.push(line)
        continue
      }
      emit()
      if (allRepeated) group = [line]
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
  long: { count: 'c', repeated: 'd', 'all-repeated': 'D', 'skip-fields': 'f:', 'ignore-case': 'i', 'skip-chars': 's:', unique: 'u', 'zero-terminated': 'z', 'check-chars': 'w:' },
  usage: '[-cdDuiz] [-f fields] [-s chars] [-w chars] [input [output]]',
  summary: 'report or omit repeated lines',
  help: `-c prefix lines with their count  -d only repeated lines  -u only unique lines
-D every line of each repeated group  -z lines end in NUL
-i ignore case  -f N skip N fields  -s N skip N characters  -w N compare at most N characters`,
  run,
})
