/** tsort: topological sort of the pairs in its input, in GNU tsort's order. */
import { command, parseArgs, readOrFail, UsageError } from '../lib.ts'
import { slicedSort } from '../util/slicedsort.ts'
import { OutputBuffer } from '../util/textio.ts'
import { readText, splitInStretches } from '../util/wholetext.ts'

/** Lines, pairs or names handled between offers of a turn to the host (3 million names held it 9 s in one go). */
const TURN_EVERY = 4096

interface Node {
  name: string
  /** Incoming edges not yet satisfied. */
  count: number
  /** Successors in the order they were read (GNU visits its pushed list: the last first). */
  after: Node[]
  done: boolean
}

/** The last of `items` that `test` holds of (a node's most recent successor first, as GNU's). */
function findLast<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return items[i]
  return undefined
}

export const tsort = command({
  name: 'tsort',
  usage: '[file]',
  summary: 'perform topological sort',
  async run(proc) {
    const { operands } = parseArgs(proc.argv, '')
    if (operands.length > 1) throw new UsageError(`extra operand '${operands[1]}'`)
    const name = operands[0] ?? '-'
    const text = await readOrFail(proc, 'tsort', name, () => readText(proc, name))
    if (text === undefined) return 1
    const words: string[] = []
    const lines = await splitInStretches(proc, text)
    for (let l = 0; l < lines.length; l++) {
      for (const w of lines[l]!.split(/\s+/)) if (w !== '') words.push(w)
      if (l % TURN_EVERY === 0) await proc.yield()
    }
    if (words.length % 2 === 1) {
      await proc.stderr.write(`tsort: ${name}: input contains an odd number of tokens\n`)
      return 1
    }
    const nodes = new Map<string, Node>()
    const node = (n: string): Node => {
      let found = nodes.get(n)
      if (!found) nodes.set(n, (found = { name: n, count: 0, after: [], done: false }))
      return found
    }
    for (let i = 0; i < words.length; i += 2) {
      const a = node(words[i]!)
      const b = node(words[i + 1]!)
      if (a !== b) {
        a.after.push(b)
        b.count++
      }
      if (i % TURN_EVERY === 0) await proc.yield()
    }
    // GNU walks its tree of names in byte order, queueing those with no predecessors
    const sorted = await slicedSort(proc, [...nodes.values()], (x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
    const out = new OutputBuffer(proc)
    let status = 0
    let left = sorted.length
    while (left > 0) {
      const queue: Node[] = []
      for (let i = 0; i < sorted.length; i++) {
        if (!sorted[i]!.done && sorted[i]!.count === 0) queue.push(sorted[i]!)
        if (i % TURN_EVERY === 0) await proc.yield()
      }
      for (let q = 0; q < queue.length; q++) {
        const n = queue[q]!
        n.done = true
        left--
        out.push(n.name + '\n')
        if (out.full) await out.flush()
        // successors most recently added first, as GNU's pushed list
        for (let k = n.after.length - 1; k >= 0; k--) if (--n.after[k]!.count === 0) queue.push(n.after[k]!)
        if (q % TURN_EVERY === 0) await proc.yield()
      }
      if (left === 0) break
      // a loop: report it, then break it at the first node still waiting
      status = 1
      const start = sorted.find((n) => !n.done && n.count > 0)!
      await out.flush()
      await proc.stderr.write(`tsort: ${name}: input contains a loop:\n`)
      const seen: Node[] = []
      let at: Node | undefined = start
      const onPath = new Set<Node>()
      while (at && !onPath.has(at)) {
        seen.push(at)
        onPath.add(at)
        at = findLast(at.after, (m) => !m.done && m.count > 0)
      }
      const loop = at ? seen.slice(seen.indexOf(at)) : seen
      for (const n of loop) await proc.stderr.write(`tsort: ${n.name}\n`)
      const last = loop[loop.length - 1]!
      const first = loop[0]!
      if (last.after.includes(first)) {
        last.after = last.after.filter((m) => m !== first)
        first.count--
      } else first.count = 0
    }
    await out.flush()
    return status
  },
})
