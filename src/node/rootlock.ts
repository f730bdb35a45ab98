/**
 * One ninefold process at a time on a persistent root: DIR/lock holds the pid of the process
 * that has the root open. A second process is refused with a clear error (two writers would
 * each rewrite meta.json and the journal over the other's); a lock left by a process that is
 * gone (kill -9, a crash) is taken over.
 *
 * The lock appears whole or not at all: the pid is written to a file of the process's own and
 * linked into place, which fails if a lock is there. A stale lock is renamed away before it is
 * removed, so of two processes taking it over at once only one succeeds; the other finds the
 * winner's lock and is refused.
 */
import * as fs from 'node:fs'
import { join } from 'node:path'
import { NineError } from '../kernel/errors.ts'

/** Tries before giving up when locks keep appearing and going (never, in practice). */
const ATTEMPTS = 10

/** Takes the lock of the root kept in `dir`; returns what lets it go. Throws if a live process holds it. */
export function lockRoot(dir: string): () => void {
  const lock = join(dir, 'lock')
  const mine = join(dir, `lock.${process.pid}`)
  fs.writeFileSync(mine, `${process.pid}\n`, { mode: 0o600 })
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        fs.linkSync(mine, lock)
        return () => release(lock)
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      }
      const holder = readPid(lock)
      if (holder === undefined) continue // gone meanwhile: try again
      if (holder === process.pid || alive(holder)) throw new NineError('EIO', undefined, `in use by process ${holder} (if that is not ninefold, remove ${lock})`)
      takeOver(lock, holder)
    }
    throw new NineError('EIO', undefined, `cannot take ${lock}`)
  } finally {
    fs.rmSync(mine, { force: true })
  }
}

/** The pid in a lock file; NaN for one that holds no pid (taken over like a dead one), undefined if it is gone. */
function readPid(lock: string): number | undefined {
  let text: string
  try {
    text = fs.readFileSync(lock, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw e
  }
  return /^\d+\n?$/.test(text) ? Number(text.trim()) : NaN
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: it exists, as another user's process
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes a stale lock of `holder`: renamed to a name of this process's own first (a rename
 * moves whatever is there at once), then removed if it is still the stale one, or put back if
 * another process had taken the lock over in between.
 */
function takeOver(lock: string, holder: number): void {
  const stale = `${lock}.stale.${process.pid}`
  try {
    fs.renameSync(lock, stale)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return
    throw e
  }
  const moved = readPid(stale)
  if (moved === holder || Number.isNaN(moved) || (moved !== undefined && !alive(moved))) fs.rmSync(stale, { force: true })
  else {
    try {
      fs.linkSync(stale, lock)
    } catch {
      // another lock is in place already: it is the live one
    }
    fs.rmSync(stale, { force: true })
  }
}

function release(lock: string): void {
  if (readPid(lock) === process.pid) fs.rmSync(lock, { force: true })
}
