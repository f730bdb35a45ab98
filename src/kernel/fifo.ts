/**
 * A named pipe's meeting point: an open for reading waits until a writer opens, and an open for
 * writing until a reader does (both ends at once, ORDWR, waits for no one). The openers of one
 * meeting share one Pipe; it ends for readers when its last writer closes, and the next opens
 * after everyone closed meet through a fresh one.
 */
import { NineError } from './errors.ts'
import { Pipe } from './pipe.ts'
import { ORDWR, OWRITE, type Handle } from './types.ts'

export class Fifo {
  private pipe = new Pipe()
  private readers = 0
  private writers = 0
  private waiters: (() => void)[] = []

  async open(mode: number): Promise<Handle> {
    const rw = mode & 3
    if (this.readers === 0 && this.writers === 0) this.pipe = new Pipe()
    const pipe = this.pipe
    const reads = rw !== OWRITE
    const writes = rw === OWRITE || rw === ORDWR
    if (reads) this.readers++
    if (writes) this.writers++
    this.wake()
    while (reads && !writes ? this.writers === 0 && this.pipe === pipe : !reads && this.readers === 0) {
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
    let open = true
    return {
      read: (_offset, count, signal) => (reads ? pipe.read(count, signal) : Promise.reject(new NineError('EBADUSE'))),
      write: (_offset, data, signal) => (writes ? pipe.write(data, signal) : Promise.reject(new NineError('EBADUSE'))),
      close: () => {
        if (!open) return
        open = false
        if (reads && --this.readers === 0) pipe.readEnd.close()
        if (writes && --this.writers === 0) pipe.writeEnd.close()
      },
    }
  }

  private wake(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const w of waiters) w()
  }
}

/** What creating a named pipe returns: no end of it is open, so nothing reads or writes through it. */
export function unopenedHandle(): Handle {
  return {
    read: () => Promise.reject(new NineError('EBADUSE')),
    write: () => Promise.reject(new NineError('EBADUSE')),
    close() {},
  }
}
