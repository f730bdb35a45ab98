/**
 * Keys from a terminal's input: the text a terminal sends (xterm.js's onData, a host terminal in
 * raw mode) cut into keys. An escape sequence may arrive split across two chunks, so an
 * unfinished one is kept until the next chunk completes it.
 */

export type Key =
  | { kind: 'text'; text: string }
  | { kind: 'ctrl'; letter: string }
  | { kind: 'special'; name: SpecialKey }
  | { kind: 'meta'; letter: string }

export type SpecialKey = 'enter' | 'backspace' | 'delete' | 'tab' | 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'escape' | 'word-left' | 'word-right'

/** CSI and SS3 sequences the editor acts on; the rest are read whole and ignored. */
const SEQUENCES: Readonly<Record<string, SpecialKey>> = {
  '[A': 'up',
  '[B': 'down',
  '[C': 'right',
  '[D': 'left',
  '[H': 'home',
  '[F': 'end',
  OA: 'up',
  OB: 'down',
  OC: 'right',
  OD: 'left',
  OH: 'home',
  OF: 'end',
  '[1~': 'home',
  '[7~': 'home',
  '[4~': 'end',
  '[8~': 'end',
  '[3~': 'delete',
  '[1;5C': 'word-right',
  '[1;5D': 'word-left',
  '[1;3C': 'word-right',
  '[1;3D': 'word-left',
}

export class KeyReader {
  /** The start of an escape sequence whose end has not arrived yet. */
  private partial = ''

  /** The keys in `chunk`; printable runs come as one text key. */
  keys(chunk: string): Key[] {
    const input = this.partial + chunk
    this.partial = ''
    const keys: Key[] = []
    let text = ''
    const flush = (): void => {
      if (text !== '') keys.push({ kind: 'text', text })
      text = ''
    }
    let i = 0
    while (i < input.length) {
      const c = input.charCodeAt(i)
      if (c === 0x1b) {
        flush()
        const end = sequenceEnd(input, i)
        if (end < 0) {
          // A lone ESC at the end of a chunk is the Escape key unless more follows at once;
          // terminals send a whole sequence in one write, so keep it only if it is a prefix.
          if (i + 1 < input.length) this.partial = input.slice(i)
          else keys.push({ kind: 'special', name: 'escape' })
          break
        }
        const body = input.slice(i + 1, end)
        const special = SEQUENCES[body]
        if (special !== undefined) keys.push({ kind: 'special', name: special })
        else if (body.length === 1 && body !== '[' && body !== 'O') keys.push({ kind: 'meta', letter: body.toLowerCase() })
        i = end
        continue
      }
      if (c === 13 || c === 10) {
        flush()
        keys.push({ kind: 'special', name: 'enter' })
        // a CR LF pair is one Enter
        if (c === 13 && input.charCodeAt(i + 1) === 10) i++
      } else if (c === 127 || c === 8) {
        flush()
        keys.push({ kind: 'special', name: 'backspace' })
      } else if (c === 9) {
        flush()
        keys.push({ kind: 'special', name: 'tab' })
      } else if (c < 32) {
        flush()
        keys.push({ kind: 'ctrl', letter: String.fromCharCode(c + 96) })
      } else text += input[i]
      i++
    }
    flush()
    return keys
  }
}

/**
 * Where the escape sequence starting at `start` ends (the index after it), or -1 when the input
 * stops inside it. CSI: ESC [ params final; SS3: ESC O letter; otherwise ESC and one character.
 */
function sequenceEnd(input: string, start: number): number {
  const kind = input[start + 1]
  if (kind === undefined) return -1
  if (kind === 'O') return start + 3 <= input.length ? start + 3 : -1
  if (kind !== '[') return start + 2
  for (let j = start + 2; j < input.length; j++) {
    const code = input.charCodeAt(j)
    if (code >= 0x40 && code <= 0x7e) return j + 1
  }
  return -1
}
