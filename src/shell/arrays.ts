/**
 * Array assignments, loaded with a script's first: `a=(x y)`, `a=([k]=v …)`, `a+=(…)`, bash 5.1's
 * `A=(key value …)` for an associative array, and `a[i]=v`. Each returns what set -x shows of it.
 */
import type { Assign, Word, WordPart } from './ast.ts'
import { ShellError } from './errors.ts'
import type { Expander } from './expand.ts'
import { traceQuote } from './quote.ts'
import { appended, type ShellState } from './state.ts'

/** `[key]=value` (or `[key]+=value`) inside an array literal. */
function keyedElement(w: Word): { index: Word; value: Word; append: boolean } | undefined {
  const first = w.parts[0]
  if (first?.type !== 'lit' || first.text[0] !== '[') return undefined
  const indexParts: WordPart[] = []
  for (let i = 0; i < w.parts.length; i++) {
    const p = w.parts[i]!
    const at = p.type === 'lit' ? p.text.indexOf(']=', i === 0 ? 1 : 0) : -1
    const plus = p.type === 'lit' ? p.text.indexOf(']+=', i === 0 ? 1 : 0) : -1
    const end = plus >= 0 && (at < 0 || plus < at) ? plus : at
    if (p.type !== 'lit' || end < 0) {
      indexParts.push(i === 0 && p.type === 'lit' ? { type: 'lit', text: p.text.slice(1) } : p)
      continue
    }
    const append = end === plus
    const text = p.text.slice(i === 0 ? 1 : 0, end)
    if (text !== '') indexParts.push({ type: 'lit', text })
    const rest = p.text.slice(end + (append ? 3 : 2))
    const valueParts: WordPart[] = rest === '' ? [] : [{ type: 'lit', text: rest }]
    return { index: { parts: indexParts }, value: { parts: [...valueParts, ...w.parts.slice(i + 1)] }, append }
  }
  return undefined
}

/** The index after an indexed array's last element. */
function nextIndex(items: Map<string, string>): number {
  let next = 0
  for (const k of items.keys()) next = Math.max(next, Number(k) + 1)
  return next
}

/** Performs an array's assignment; returns set -x's text for it. */
export async function assignElements(state: ShellState, ex: Expander, a: Assign): Promise<string> {
  if (a.array !== undefined) {
    const old = state.vars.get(a.name)
    const assoc = old?.assoc === true
    const items = a.append && old?.items ? new Map(old.items) : a.append && old?.value !== undefined ? new Map([['0', old.value]]) : new Map<string, string>()
    let next = assoc ? 0 : nextIndex(items)
    // what set -x shows: the elements as assigned
    const shown: string[] = []
    // bash 5.1: an associative array's list without [key]= first is key, value, key, value…, each word whole
    if (assoc && a.array.length > 0 && keyedElement(a.array[0]!) === undefined) {
      for (let i = 0; i < a.array.length; i += 2) {
        const key = await ex.word(a.array[i]!)
        const value = i + 1 < a.array.length ? await ex.word(a.array[i + 1]!) : ''
        items.set(key, value)
        shown.push(`[${traceQuote(key)}]=${traceQuote(value)}`)
      }
    }
    for (const w of assoc && shown.length > 0 ? [] : a.array) {
      const kv = keyedElement(w)
      if (kv !== undefined) {
        const key = assoc ? await ex.word(kv.index) : String(await ex.arithmetic(kv.index))
        const value = await ex.word(kv.value)
        items.set(key, a.append && assoc && kv.append ? (items.get(key) ?? '') + value : value)
        if (!assoc) next = Number(key) + 1
        shown.push(`[${traceQuote(key)}]=${traceQuote(value)}`)
      } else if (assoc) throw new ShellError(`${a.name}: ${await ex.word(w)}: must use subscript when assigning associative array`, 1)
      else
        for (const f of await ex.fields([w])) {
          items.set(String(next++), f)
          shown.push(traceQuote(f))
        }
    }
    state.setItems(a.name, items, assoc)
    return `${a.name}${a.append ? '+=' : '='}(${shown.join(' ')})`
  }
  const value = await ex.word(a.value)
  const key = await ex.subscript(a.name, a.index!)
  const old = state.vars.get(a.name)
  state.setItem(a.name, key, a.append ? appended(old, old?.items?.get(key) ?? (key === '0' ? old?.value : undefined), value, state) : value)
  return `${a.name}[${key}]${a.append ? '+=' : '='}${traceQuote(value)}`
}
