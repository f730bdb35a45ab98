/**
 * Host threads for engines that run without giving the host a turn (jq's WebAssembly). Such an
 * engine, run in the host's own thread, holds the host until it returns, and a filter that never
 * ends holds it for ever; in a worker it holds only that worker, and ending its process ends the
 * worker. The embedder starts the threads (the Node CLI with worker_threads, the web page with
 * Web Workers); a system booted without them runs the engine in the host's own thread.
 */
import { NineError } from './kernel/errors.ts'

/** Engines a worker can run. */
export type Engine = 'jq'

/** One host thread running an engine: one call at a time. */
export interface HostWorker {
  /** Sends a request; resolves with the engine's answer, rejects if the worker fails or is ended. */
  call(request: unknown): Promise<unknown>
  /** Ends the worker at once, whatever it is running (a call waiting on it rejects). */
  terminate(): void
}

/** Starts a worker running `engine` (a page may first load the code that starts it). */
export type HostWorkers = (engine: Engine) => HostWorker | Promise<HostWorker>

/** What a worker posts back for a request: the engine's answer, or why it could not give one. */
export type WorkerAnswer = { value: unknown } | { error: string }

/**
 * The sending side of a worker, whatever the host's thread API: keeps the one call waiting for
 * its answer. A subclass posts, stops, and passes on what the thread says.
 */
export abstract class ThreadWorker implements HostWorker {
  private waiting: { resolve(value: unknown): void; reject(e: Error): void } | undefined

  protected abstract post(request: unknown): void
  protected abstract stop(): void
  /** Whether the thread has a call running (Node lets a process exit only with none). */
  protected busy(_running: boolean): void {}

  call(request: unknown): Promise<unknown> {
    if (this.waiting !== undefined) return Promise.reject(new Error('worker busy'))
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject }
      this.busy(true)
      this.post(request)
    })
  }

  terminate(): void {
    this.stop()
    this.failed(new Error('worker ended'))
  }

  protected answered(a: WorkerAnswer): void {
    const w = this.settle()
    if ('error' in a) w?.reject(new Error(a.error))
    else w?.resolve(a.value)
  }

  protected failed(e: Error): void {
    this.settle()?.reject(e)
  }

  private settle(): { resolve(value: unknown): void; reject(e: Error): void } | undefined {
    const w = this.waiting
    this.waiting = undefined
    if (w !== undefined) this.busy(false)
    return w
  }
}

/**
 * The workers one embedder's threads run for one engine: a call takes the idle worker or starts
 * one, and gives it back when answered (one is kept idle, to spare the next call the engine's
 * loading). A call whose process ends (killed, timed out) ends its worker there, since a running
 * engine cannot be stopped any other way; the next call starts another.
 */
class WorkerPool {
  private idle: HostWorker | undefined

  constructor(
    private readonly start: HostWorkers,
    private readonly engine: Engine,
  ) {}

  async call(request: unknown, ended: AbortSignal): Promise<unknown> {
    // taken before any wait, so that a worker made idle meanwhile is not dropped unended
    const idle = this.idle
    this.idle = undefined
    const worker = idle ?? (await this.start(this.engine))
    if (ended.aborted) {
      worker.terminate()
      throw new NineError('EEXITED')
    }
    const end = (): void => worker.terminate()
    ended.addEventListener('abort', end, { once: true })
    let healthy = false
    try {
      const value = await worker.call(request)
      healthy = true
      return value
    } finally {
      ended.removeEventListener('abort', end)
      // one kept idle; another finishing at the same time is ended (one whose process ended, already was)
      if (!ended.aborted) {
        if (healthy && this.idle === undefined) this.idle = worker
        else worker.terminate()
      }
    }
  }
}

/** Pools by the embedder's function that starts threads, then by engine: systems booted with one share its idle workers. */
const pools = new WeakMap<HostWorkers, Map<Engine, WorkerPool>>()

/** Runs `request` on a worker of `workers` for `engine`; ended (and the call rejected) when `ended` fires. */
export function callWorker(workers: HostWorkers, engine: Engine, request: unknown, ended: AbortSignal): Promise<unknown> {
  let byEngine = pools.get(workers)
  if (byEngine === undefined) pools.set(workers, (byEngine = new Map()))
  let pool = byEngine.get(engine)
  if (pool === undefined) byEngine.set(engine, (pool = new WorkerPool(workers, engine)))
  return pool.call(request, ended)
}
