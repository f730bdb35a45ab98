/**
 * The jq engine: the real jq, compiled to WebAssembly (the `jq-web` package), loaded the first
 * time it is called. One call runs one whole jq invocation on a string and answers its exit
 * status, standard output and standard error. It runs in a host worker where the system has them
 * (src/hostworker.ts; the workers' entries call it), else in the host's own thread.
 */
import type { WorkerAnswer } from '../../hostworker.ts'

export interface JqRun {
  status: number
  stdout: string
  stderr: string
}

/** One invocation: jq's flags, the program, and the whole input. */
export interface JqRequest {
  input: string
  program: string
  flags: string[]
  /** In a worker: the most jq's memory may grow to (the calling process's memoryBytes). */
  memoryBytes?: number
}

/** Runs one invocation, wherever the engine is. */
export type JqCall = (request: JqRequest) => Promise<JqRun>

interface JqWeb {
  raw(input: string, filter: string, flags: string[]): string | undefined
}

let engine: Promise<JqWeb> | undefined

function load(): Promise<JqWeb> {
  // the package's export is a promise of the instantiated module
  engine ??= import('jq-web').then((m: { default: Promise<JqWeb> }) => m.default)
  return engine
}

/** Runs one invocation in this thread. */
export async function jqCall({ input, program, flags }: JqRequest): Promise<JqRun> {
  const jq = await load()
  // debug and stderr reach console.warn; the call is synchronous, so borrowing it is safe
  const warn = console.warn
  let stderr = ''
  console.warn = (...args: unknown[]) => {
    stderr += `${String(args[args.length - 1])}\n`
  }
  try {
    // the package rewrites its flags array in place
    return { status: 0, stdout: jq.raw(input, program, [...flags]) ?? '', stderr }
  } catch (e) {
    const err = e as { exitCode?: number; stderr?: string; message?: string }
    const message = err.stderr ?? (err.exitCode === undefined ? String(err.message ?? e) : '')
    return { status: err.exitCode ?? 5, stdout: '', stderr: stderr + (message ? `${message.replace(/^undefined/, '')}\n` : '') }
  } finally {
    console.warn = warn
  }
}

/** What jq's memory may grow to in this worker, for the request it runs. */
let memoryLimit = Infinity
let fitted = false

/**
 * A worker's global is jq's alone, so it is fitted to jq there (never in the host's own thread):
 * jq's WebAssembly memory grows only up to the calling process's memoryBytes (past it a grow
 * fails, so jq's allocation fails and jq says `cannot allocate memory`, status 5, where
 * `[range(200000000)]` took the host to 1.7 GB first); and what the engine prints with
 * console.error (`Aborted()` after that) goes where a call collects jq's standard error, not to
 * the host's.
 */
function fitWorker(): void {
  console.error = (...args: unknown[]) => console.warn(...args)
  const proto = WebAssembly.Memory.prototype
  const grow = proto.grow
  proto.grow = function (this: WebAssembly.Memory, pages: number): number {
    if (this.buffer.byteLength + pages * 65536 > memoryLimit) throw new RangeError('memory limit')
    return grow.call(this, pages)
  }
}

/** A worker's answer to a request (the workers' entries post it; they share nothing with the page's code). */
export async function jqAnswer(request: JqRequest): Promise<WorkerAnswer> {
  memoryLimit = request.memoryBytes ?? Infinity
  if (!fitted) {
    fitted = true
    fitWorker()
  }
  try {
    return { value: await jqCall(request) }
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) }
  }
}
