/** A Web Worker's entry (src/web/workers.ts): answers jq requests with the engine in this thread. */
import { jqAnswer, type JqRequest } from '../bins/util/jqcall.ts'

const scope = globalThis as unknown as { postMessage(message: unknown): void; onmessage: ((event: MessageEvent<JqRequest>) => void) | null }
scope.onmessage = (event) => {
  void jqAnswer(event.data).then((a) => scope.postMessage(a))
}
