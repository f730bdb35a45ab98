/**
 * Host threads for a page's system (boot's `workers`): Web Workers running src/web/jqworker, which
 * a build emits beside this module (npm run web's and tsc's both do; bundlers that follow
 * `new Worker(new URL(…, import.meta.url))` find it).
 */
import { ThreadWorker, type WorkerAnswer } from '../hostworker.ts'

class PageWorker extends ThreadWorker {
  private readonly thread = new Worker(new URL('./jqworker.js', import.meta.url), { type: 'module' })

  constructor() {
    super()
    this.thread.onmessage = (event: MessageEvent<WorkerAnswer>) => this.answered(event.data)
    this.thread.onerror = (event) => {
      event.preventDefault()
      this.failed(new Error(event.message || 'the jq worker failed to start'))
    }
  }

  protected post(request: unknown): void {
    this.thread.postMessage(request)
  }

  protected stop(): void {
    this.thread.terminate()
  }
}

/** Starts a Web Worker for an engine (jq is the one there is). */
export const startPageWorker = (): PageWorker => new PageWorker()
