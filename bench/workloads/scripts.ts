/**
 * 21–23. Shell scripts people write: recursive functions, string building in a `case` loop and
 * `while read` over a file; milliseconds a run beside dash (target: within 3× of dash).
 */
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rm } from 'node:fs/promises'
import { row, type Target, type Workload, type WorkloadResult } from '../harness.ts'
import { all, dash, measured, type SystemKind } from '../systems.ts'
import { asMs, measureScript } from './script.ts'

/** fib 20 by recursion; no subshells, no `local` (POSIX): `set --` keeps the first result. */
export const FIB = `fib() {
  if [ $1 -lt 2 ]; then r=$1; return; fi
  fib $(($1 - 1))
  set -- $1 $r
  fib $(($1 - 2))
  r=$(($2 + r))
}
fib 20; echo $r`

export const CASE = `i=0; s=
while [ $i -lt 20000 ]; do
  case $((i % 4)) in
    0) s="\${s}a" ;;
    1) s="\${s}bc" ;;
    2) ;;
    *) s="\${s}d" ;;
  esac
  i=$((i + 1))
done
echo \${#s}`

const LINES = 100_000
/** `seq 1 100000`, and the count of its lines with a 7 in them. */
export const lines = Array.from({ length: LINES }, (_, i) => `${i + 1}\n`).join('')
const sevens = lines.split('\n').filter((l) => l.includes('7')).length

export const readScript = (path: string): string => `n=0; c=0
while read line; do
  n=$((n + 1))
  case $line in *7*) c=$((c + 1)) ;; esac
done < ${path}
echo $n $c`

interface ScriptSpec {
  id: number
  title: string
  description: string
  script: (path: string) => string
  expect: string
  /** The input file, written into each system before the runs. */
  input?: string
  /** Runs for a system, where 5 would take minutes (just-bash: 25 s a run of fib, 9 to 47 s of the case loop, 76 s of the read loop). */
  runs?: Partial<Record<SystemKind['name'], number>>
}

/** One script on every system, in milliseconds a run. */
function scriptWorkload(spec: ScriptSpec): Workload {
  return {
    id: spec.id,
    title: spec.title,
    perSystem: true,
    async run(): Promise<WorkloadResult> {
      const hostFile = join(tmpdir(), `ninefold-bench-lines-${process.pid}.txt`)
      const rows = []
      for (const system of all) {
        if (!measured(system)) continue
        const path = system === dash ? hostFile : '/tmp/lines.txt'
        const input = spec.input
        const runs = spec.runs?.[system.name] ?? 5
        const note = runs < 5 ? { note: `${runs} run${runs === 1 ? '' : 's'}, no warm-up run (each takes seconds)`, warmup: 0 } : {}
        rows.push(await measureScript({ system, script: spec.script(path), expect: spec.expect, runs, value: asMs, ...note, ...(input === undefined ? {} : { setup: (sys) => sys.writeFile(path, input) }) }))
      }
      await rm(hostFile, { force: true })
      return { id: spec.id, title: spec.title, description: spec.description, unit: 'ms', higherIsBetter: false, rows }
    },
    targets(r): Target[] {
      const nf = row(r, 'ninefold')
      const floor = row(r, 'dash')
      return [
        {
          text: `${spec.id}. ${spec.title}: within 3× of dash`,
          met: nf !== undefined && floor !== undefined && nf.median <= 3 * floor.median,
          evidence: `ninefold ${nf?.median.toFixed(0) ?? '?'} ms vs dash ${floor?.median.toFixed(0) ?? '?'} ms`,
        },
      ]
    },
  }
}

export const fibWorkload = scriptWorkload({
  id: 14,
  title: 'fib 20 with shell functions',
  description: 'A recursive shell function computing fib 20 (21,891 calls; `[`, `$(( ))`, `set --`, `return`); ms a run. Lower is better.',
  script: () => FIB,
  expect: '6765',
  runs: { 'just-bash': 1 },
})

export const caseLoopWorkload = scriptWorkload({
  id: 15,
  title: 'String building in a case loop',
  description: '20,000 passes of a `while` loop appending to a string in a `case` on `$((i % 4))`; ms a run. Lower is better.',
  script: () => CASE,
  expect: '20000',
  runs: { 'just-bash': 1 },
})

export const readLoopWorkload = scriptWorkload({
  id: 16,
  title: 'while read line',
  description: '`while read line` over the 100,000 lines of `seq 1 100000`, counting lines and those with a 7 (`case`); ms a run. Lower is better.',
  script: readScript,
  expect: `${LINES} ${sevens}`,
  input: lines,
  runs: { 'just-bash': 1 },
})
