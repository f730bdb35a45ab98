/** A worker thread's entry (src/node/workers.ts): answers jq requests with the engine in this thread. */
import { parentPort } from 'node:worker_threads'
import { jqAnswer, type JqRequest } from '../bins/util/jqcall.ts'

const port = parentPort!
port.on('message', (request: JqRequest) => {
  void jqAnswer(request).then((a) => port.postMessage(a))
})
