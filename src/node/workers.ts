/**
 * Host threads for a system's engines (boot's `workers`), as Node's worker threads. A thread's
 * entry is src/node/jqworker: from a checkout that is TypeScript, so the thread first registers
 * tsx, as bin/ninefold does.
 */
import { Worker } from 'node:worker_threads'
import { ThreadWorker, type HostWorkers, type WorkerAnswer } from '../hostworker.ts'

const fromSource = import.meta.url.endsWith('.ts')
const ENTRY = new URL(fromSource ? './jqworker.ts' : './jqworker.js', import.meta.url).href
const BOOTSTRAP = fromSource
  ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY)}) })`
  : `import(${JSON.stringify(ENTRY)})`

class NodeWorker extends ThreadWorker {
  private readonly thread: Worker

  constructor() {
    super()
    this.thread = new Worker(BOOTSTRAP, { eval: true })
    // an idle worker does not keep the host's process alive
    this.thread.unref()
    this.thread.on('message', (a: WorkerAnswer) => this.answered(a))
    this.thread.on('error', (e: Error) => this.failed(e))
    this.thread.on('exit', (code: number) => this.failed(new Error(`worker exited (${code})`)))
  }

  protected post(request: unknown): void {
    this.thread.postMessage(request)
  }

  protected stop(): void {
    void this.thread.terminate()
  }

  protected override busy(running: boolean): void {
    if (running) this.thread.ref()
    else this.thread.unref()
  }
}

/** Starts a worker thread for an engine (jq is the one there is). */
export const nodeWorkers: HostWorkers = () => new NodeWorker()
