/**
 * Blocks pipes lend their writers (`ProcContext.writeBuffer`: seq, tr, ByteOutput), taken back
 * when a reader that lends a buffer of its own (`into`) gets one's bytes copied into it, and kept
 * for any pipe's next writer, zeroed (it held some writer's bytes). A writer that wrote a new block
 * each time would take fresh memory for every block until the garbage collector frees the old
 * ones, and the first touch of each page of it is a page fault: about 1,700 of them, 20 ms on a
 * VM, for the 7 MB of `seq 1 1000000`. Imported by those writers, for its effect: it installs
 * itself in the pipes.
 */
import { installLender, type Pipe } from './pipe.ts'

/** The pipe that lent each block: only that one takes it back (its writer wrote it there alone). */
const lentBy = new WeakMap<ArrayBufferLike, Pipe>()
/** Blocks taken back, at most POOL_BYTES of them: a few pipelines' worth. */
const pool: Uint8Array[] = []
const POOL_BYTES = 4 << 20
let pooled = 0

installLender({
  lend(pipe, least) {
    let block: Uint8Array | undefined
    for (let i = pool.length - 1; i >= 0; i--) {
      const kept = pool[i]!
      if (kept.length < least || kept.length > 2 * least) continue
      pool[i] = pool[pool.length - 1]!
      pool.pop()
      pooled -= kept.length
      block = kept.fill(0)
      break
    }
    block ??= new Uint8Array(least)
    lentBy.set(block.buffer, pipe)
    return block
  },

  takeBack(pipe, chunk, into) {
    const memory = chunk.buffer
    if (chunk.length > into.length || lentBy.get(memory) !== pipe) return false
    into.set(chunk)
    lentBy.delete(memory)
    if (pooled + memory.byteLength <= POOL_BYTES) {
      pool.push(new Uint8Array(memory))
      pooled += memory.byteLength
    }
    return true
  },
})
