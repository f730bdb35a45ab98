/**
 * bash's history expansion, for an interactive bash's lines (loaded with the first line holding a
 * `!` or starting with `^`): `!!`, `!n`, `!-n`, `!string`, `!?string?` name an earlier line; `:n`,
 * `^`, `$`, `*`, `x-y` pick its words (and `!$`, `!^`, `!*`, `!:n` stand for `!!$`…); `:h`, `:t`,
 * `:r`, `:e`, `:p`, `:s/old/new/` and `:gs/old/new/` change them; `^old^new` at the start of a
 * line is `!!:s/old/new/`. Inside single quotes, after a backslash, and before a blank, `=` or `(`
 * a `!` is itself.
 *
 * The algorithm: read the line left to right keeping the quoting; at each `!` that begins an event,
 * find the event's line, take its words, apply the modifiers, and put the result in place.
 */

export type Expansion = { line: string; changed: boolean; printOnly: boolean } | { error: string }

class EventError extends Error {}

/** The words of a history line, as bash's history splits them: quoted strings whole, operators apart. */
function wordsOf(line: string): string[] {
  return line.match(/(?:"(?:\\.|[^"\\])*"?|'[^']*'?|\\.|[^\s|&;<>()'"\\])+|[|&;<>()]+/g) ?? []
}

/** The line an event designator names, and where the designator ends. */
function findEvent(line: string, at: number, history: readonly string[]): { text: string; end: number } {
  const c = line[at]
  // !$, !^, !*, !: are the last line's words
  if (c === '!' || c === '$' || c === '^' || c === '*' || c === ':' || c === '%') return { text: last(history, '!!'), end: c === '!' ? at + 1 : at }
  let m = /^-?\d+/.exec(line.slice(at))
  if (m) {
    const n = Number(m[0])
    const text = n < 0 ? history[history.length + n] : history[n - 1]
    if (text === undefined) throw new EventError(`!${m[0]}: event not found`)
    return { text, end: at + m[0].length }
  }
  if (c === '?') {
    const close = line.indexOf('?', at + 1)
    const stop = close < 0 ? line.length : close
    const wanted = line.slice(at + 1, stop)
    const text = [...history].reverse().find((h) => h.includes(wanted))
    if (text === undefined) throw new EventError(`!?${wanted}: event not found`)
    return { text, end: close < 0 ? stop : stop + 1 }
  }
  m = /^[^\s:$^*%"'`;&|<>()]+/.exec(line.slice(at))
  const prefix = m?.[0] ?? ''
  const text = [...history].reverse().find((h) => h.startsWith(prefix))
  if (text === undefined) throw new EventError(`!${prefix}: event not found`)
  return { text, end: at + prefix.length }
}

function last(history: readonly string[], what: string): string {
  const text = history[history.length - 1]
  if (text === undefined) throw new EventError(`${what}: event not found`)
  return text
}

/** A word designator's range of words (0 the command), from `spec` as written after `:`. */
function wordRange(spec: string, count: number): [number, number] | undefined {
  const index = (s: string): number => (s === '^' ? 1 : s === '$' ? count - 1 : Number(s))
  if (spec === '*') return [1, count - 1]
  const m = /^(\d+|\^|\$)?(?:(-)(\d+|\$)?|(\*))?$/.exec(spec)
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined
  const from = m[1] === undefined ? 0 : index(m[1])
  if (m[4] !== undefined) return [from, count - 1]
  if (m[2] === undefined) return [from, from]
  // x- leaves the last word out, as bash's
  return [from, m[3] === undefined ? count - 2 : index(m[3])]
}

/** One history reference at line[at] (just after its `!`): its text and where it ends. */
function reference(line: string, at: number, history: readonly string[], state: { printOnly: boolean }): { text: string; end: number } {
  const event = findEvent(line, at, history)
  let text = event.text
  let i = event.end
  // a designator right after !$ !^ !* (no colon), else after a colon
  const words = wordsOf(text)
  const direct = /^[$^*]/.exec(line.slice(i))
  let designator: string | undefined
  if (direct && (line[at] === '$' || line[at] === '^' || line[at] === '*')) {
    designator = direct[0]
    i += 1
  } else {
    const m = /^:(\d+(?:-(?:\d+|\$)?)?|\^|\$|\*|-(?:\d+|\$)?|\d+\*)/.exec(line.slice(i))
    if (m) {
      designator = m[1]
      i += m[0].length
    }
  }
  if (designator !== undefined) {
    const range = wordRange(designator, words.length)
    if (range === undefined || range[0] < 0 || range[1] >= words.length || range[0] > range[1] + (designator.endsWith('*') ? 1 : 0)) throw new EventError(`${line.slice(event.end, i) || designator}: bad word specifier`)
    text = words.slice(range[0], range[1] + 1).join(' ')
  }
  // modifiers
  for (;;) {
    const m = /^:(g?)([htrepq&]|s(.)(.*?)\3(.*?)(?:\3|$))/.exec(line.slice(i))
    if (!m) break
    i += m[0].length
    const op = m[2]![0]
    if (op === 'h') text = text.includes('/') ? text.slice(0, text.lastIndexOf('/')) || '/' : text
    else if (op === 't') text = text.slice(text.lastIndexOf('/') + 1)
    else if (op === 'r') text = /\.[^./]*$/.test(text) ? text.slice(0, text.lastIndexOf('.')) : text
    else if (op === 'e') text = /\.[^./]*$/.test(text) ? text.slice(text.lastIndexOf('.')) : ''
    else if (op === 'p') state.printOnly = true
    else if (op === 'q') text = `'${text.replace(/'/g, `'\\''`)}'`
    else if (op === 's') {
      const [old, replacement] = [m[4]!, m[5]!]
      if (old === '' || !text.includes(old)) throw new EventError(`${m[0]}: substitution failed`)
      const fill = replacement.replace(/\\?&/g, (r) => (r === '&' ? old : '&'))
      text = m[1] === 'g' ? text.split(old).join(fill) : text.replace(old, () => fill)
    }
  }
  return { text, end: i }
}

/** Expands a line's history references against the lines before it (oldest first). */
export function expandHistory(line: string, history: readonly string[]): Expansion {
  const state = { printOnly: false }
  try {
    // ^old^new^ is !!:s/old/new/
    const quick = /^\^([^^]*)\^([^^]*)\^?(.*)$/.exec(line)
    if (quick) line = `!!:s^${quick[1]}^${quick[2]}^${quick[3]}`
    let out = ''
    let changed = quick !== null
    let quote: "'" | '"' | undefined
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!
      if (c === '\\' && quote !== "'") {
        out += c + (line[i + 1] ?? '')
        i++
        continue
      }
      if (c === "'" && quote !== '"') quote = quote === "'" ? undefined : "'"
      else if (c === '"' && quote !== "'") quote = quote === '"' ? undefined : '"'
      const next = line[i + 1]
      if (c !== '!' || quote === "'" || next === undefined || /[\s=(]/.test(next) || (quote === '"' && next === '"')) {
        out += c
        continue
      }
      const ref = reference(line, i + 1, history, state)
      out += ref.text
      i = ref.end - 1
      changed = true
    }
    return { line: out, changed, printOnly: state.printOnly }
  } catch (e) {
    if (e instanceof EventError) return { error: e.message }
    throw e
  }
}
