/**
 * read [-r] [-p prompt] [name ...]: one line from standard input, split on IFS into the names
 * (the last takes the rest of the line; REPLY when none is given). Without -r a backslash
 * escapes the next character and a backslash-newline continues the line.
 */
import { isName } from '../lexer.ts'
import { LineReader } from '../input.ts'
import type { Builtin } from './builtin.ts'

const DEFAULT_IFS = ' \t\n'

/** Splits `chars` (each with whether it was escaped) into at most `n` fields the way read does. */
export function splitForRead(chars: readonly string[], escaped: readonly boolean[], ifs: string, n: number): string[] {
  const isWhite = (i: number): boolean => !escaped[i] && ifs.includes(chars[i]!) && ' \t\n'.includes(chars[i]!)
  const isDelim = (i: number): boolean => !escaped[i] && ifs.includes(chars[i]!)
  const fields: string[] = []
  let i = 0
  const end = chars.length
  while (i < end && isWhite(i)) i++
  while (fields.length < n - 1 && i < end) {
    let field = ''
    while (i < end && !isDelim(i)) field += chars[i++]
    fields.push(field)
    // one delimiter: IFS white space around at most one other IFS character
    while (i < end && isWhite(i)) i++
    if (i < end && isDelim(i)) {
      i++
      while (i < end && isWhite(i)) i++
    }
  }
  if (i < end || fields.length < n) {
    let last = end
    while (last > i && isWhite(last - 1)) last--
    fields.push(chars.slice(i, last).join(''))
  }
  return fields
}

export const read: Builtin = {
  async run(sh, argv) {
    let raw = false
    let prompt: string | undefined
    let i = 1
    for (; i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '-'; i++) {
      const a = argv[i]!
      if (a === '--') {
        i++
        break
      }
      if (a === '-r') raw = true
      else if (a === '-p') prompt = argv[++i] ?? ''
      else {
        await sh.error(`read: ${a}: bad option`)
        return 2
      }
    }
    const names = argv.length > i ? argv.slice(i) : ['REPLY']
    for (const n of names) {
      if (!isName(n)) {
        await sh.error(`read: ${n}: bad variable name`)
        return 2
      }
    }
    const fd = sh.io.get(0)
    if (fd === undefined) {
      await sh.error('read: 0: bad file descriptor')
      return 1
    }
    if (prompt !== undefined) await sh.write(2, prompt)
    const reader = new LineReader(sh.proc, fd, false)
    const chars: string[] = []
    const escaped: boolean[] = []
    let eof = false
    for (;;) {
      const line = await reader.readLine()
      if (line === null) {
        eof = true
        break
      }
      let continued = false
      const cs = [...line]
      for (let j = 0; j < cs.length; j++) {
        if (!raw && cs[j] === '\\') {
          if (j === cs.length - 1) {
            continued = reader.terminated
            break
          }
          chars.push(cs[++j]!)
          escaped.push(true)
          continue
        }
        chars.push(cs[j]!)
        escaped.push(false)
      }
      if (!reader.terminated) eof = true
      if (!continued) break
    }
    const fields = splitForRead(chars, escaped, sh.state.get('IFS') ?? DEFAULT_IFS, names.length)
    names.forEach((n, k) => sh.state.set(n, fields[k] ?? ''))
    return eof ? 1 : 0
  },
}
