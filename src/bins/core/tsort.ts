/** tsort: topological sort of the pairs in its input, in GNU tsort's order. */
import { command, parseArgs, readOrFail, UsageError } from '../lib.ts'
import { readText } from '../util/wholetext.ts'

interface Node {
  name: string
  /** Incoming edges not yet satisfied. */
  count: number
  /** Successors, most recently added first (GNU keeps a pushed list). */
  after: Node[]
  done: boolean
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
    const words = text.split(/\s+/).filter((w) => w !== '')
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
        a.after.unshift(b)
        b.count++
      }
    }
    // GNU walks its tree of names in byte order, queueing those with no predecessors
    const sorted = [...nodes.values()].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
    const out: string[] = []
    let status = 0
    let left = sorted.length
    while (left > 0) {
      const queue = sorted.filter((n) => !n.done && n.count === 0)
      for (let q = 0; q < queue.length; q++) {
        const n = queue[q]!
        n.done = true
        left--
        out.push(n.name + '\n')
        for (const m of n.after) if (--m.count === 0) queue.push(m)
      }
      if (left === 0) break
      // a loop: report it, then break it at the first node still waiting
      status = 1
      const start = sorted.find((n) => !n.done && n.count > 0)!
      await proc.stdout.write(out.splice(0).join(''))
      await proc.stderr.write(`tsort: ${name}: input contains a loop:\n`)
      const seen: Node[] = []
      let at: Node | undefined = start
      while (at && !seen.includes(at)) {
        seen.push(at)
        at = at.after.find((m) => !m.done && m.count > 0)
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
    await proc.stdout.write(out.join(''))
    return status
  },
})
