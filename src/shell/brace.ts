/**
 * bash's brace expansion, done on a word's unquoted text before any other expansion: `a{b,c}d`
 * is `abd acd`, `{1..10..3}` and `{a..e}` are sequences, braces nest; quoted braces, and braces
 * with neither a comma nor a sequence inside, stay as they are.
 */
import type { Word, WordPart } from './ast.ts'
import { hasBraceText, makeWord } from './lexer.ts'

/** A character of unquoted text, or a part (quotes, expansions) that moves as a whole. */
type Unit = string | WordPart

/** The words a word stands for (the word itself when it has no brace expression). */
export function expandBraces(word: Word): Word[] {
  if (!hasBraceText(word)) return [word]
  const units: Unit[] = []
  for (const p of word.parts) {
    if (p.type === 'lit') units.push(...p.text)
    else units.push(p)
  }
  const out = expand(units)
  if (out.length === 1) return [word]
  return out.map(toWord)
}

function toWord(units: Unit[]): Word {
  const parts: WordPart[] = []
  for (const u of units) {
    if (typeof u !== 'string') parts.push(u)
    else {
      const last = parts[parts.length - 1]
      if (last?.type === 'lit') last.text += u
      else parts.push({ type: 'lit', text: u })
    }
  }
  return makeWord(parts)
}

function expand(units: Unit[]): Unit[][] {
  for (let open = 0; open < units.length; open++) {
    if (units[open] !== '{' || units[open - 1] === '$') continue
    const commas: number[] = []
    let depth = 0
    let close = -1
    for (let i = open; i < units.length; i++) {
      const u = units[i]
      if (u === '\\') i++
      else if (u === '{') depth++
      else if (u === '}' && --depth === 0) {
        close = i
        break
      } else if (u === ',' && depth === 1) commas.push(i)
    }
    if (close < 0) return [units]
    const prefix = units.slice(0, open)
    const suffix = units.slice(close + 1)
    let alternatives: Unit[][] | undefined
    if (commas.length > 0) {
      const bounds = [open, ...commas, close]
      alternatives = bounds.slice(1).map((b, k) => units.slice(bounds[k]! + 1, b))
    } else {
      const inner = units.slice(open + 1, close)
      const seq = inner.every((u) => typeof u === 'string') ? sequence(inner.join('')) : undefined
      if (seq !== undefined) alternatives = seq.map((s) => [...s])
    }
    if (alternatives === undefined) continue
    const out: Unit[][] = []
    for (const alt of alternatives) out.push(...expand([...prefix, ...alt, ...suffix]))
    return out
  }
  return [units]
}

/** `1..5`, `10..1..3`, `01..10`, `a..e`: the items, or undefined when it is not a sequence. */
function sequence(text: string): string[] | undefined {
  const num = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(text)
  if (num !== null) {
    const [a, b] = [Number(num[1]), Number(num[2])]
    const step = Math.abs(Number(num[3] ?? 1)) || 1
    const padded = /^-?0\d/.test(num[1]!) || /^-?0\d/.test(num[2]!)
    const width = padded ? Math.max(num[1]!.length, num[2]!.length) : 0
    const out: string[] = []
    for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? step : -step) {
      out.push(width > 0 ? (v < 0 ? '-' + String(-v).padStart(width - 1, '0') : String(v).padStart(width, '0')) : String(v))
      if (out.length > 100000) break
    }
    return out
  }
  const chr = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?$/.exec(text)
  if (chr !== null) {
    const [a, b] = [chr[1]!.charCodeAt(0), chr[2]!.charCodeAt(0)]
    const step = Math.abs(Number(chr[3] ?? 1)) || 1
    const out: string[] = []
    for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? step : -step) out.push(String.fromCharCode(v))
    return out
  }
  return undefined
}
