/**
 * The import graph's shape: no circle anywhere in src/, and the kernel imports nothing above it.
 * The kernel (src/kernel/*.ts) imports only itself; its fileservers (src/kernel/fileservers/)
 * import the kernel and each other. Type-only imports count: a circle of types is still two
 * modules that cannot be understood, or moved, one without the other.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

function sources(dir: string): string[] {
  const out: string[] = []
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name)
    if (e.isDirectory()) out.push(...sources(path))
    else if (e.name.endsWith('.ts')) out.push(path)
  }
  return out
}

/** Relative specifiers of a module's static imports, re-exports and dynamic imports. */
function specifiers(text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm)) {
    const spec = m[1] ?? m[2] ?? m[3]!
    if (spec.startsWith('.')) out.push(spec)
  }
  return out
}

/** Each module of src/ (relative to the repository) → the modules of src/ it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of sources(join(root, 'src'))) {
    const from = relative(root, file)
    graph.set(from, specifiers(readFileSync(file, 'utf8')).map((s) => relative(root, resolve(dirname(file), s))))
  }
  return graph
}

/** The graph's circles: strongly connected components of more than one module, or a module importing itself (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (v: string): void => {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) !== index.get(v)) return
    const component: string[] = []
    let w: string
    do {
      w = stack.pop()!
      onStack.delete(w)
      component.push(w)
    } while (w !== v)
    if (component.length > 1 || graph.get(v)!.includes(v)) found.push(component.sort())
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v)
  return found
}

test('the import graph of src/ has no circle', () => {
  assert.deepEqual(circles(importGraph()), [])
})

test('the kernel imports nothing above it, and its core nothing of its fileservers', () => {
  const wrong: string[] = []
  for (const [from, targets] of importGraph()) {
    if (!from.startsWith('src/kernel/')) continue
    const core = !from.startsWith('src/kernel/fileservers/')
    for (const to of targets) if (!to.startsWith('src/kernel/') || (core && to.startsWith('src/kernel/fileservers/'))) wrong.push(`${from} → ${to}`)
  }
  assert.deepEqual(wrong, [])
})

test('the checker sees circles and imports of every form', () => {
  assert.deepEqual(specifiers(`import a from './a.ts'\nimport type { B } from "../b.ts"\nexport { c } from './c.ts'\nconst d = () => import('./d.ts')\nimport './e.ts'\nimport x from 'node:fs'`), ['./a.ts', '../b.ts', './c.ts', './d.ts', './e.ts'])
  const graph = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']], ['e', ['e']]])
  assert.deepEqual(circles(graph), [['a', 'b', 'c'], ['e']])
})
