/**
 * Where a page keeps its root filesystem: the Origin Private File System, or IndexedDB where a
 * page cannot write OPFS files. One tab at a time keeps it (a Web Lock held for the page's
 * life); a second tab runs in memory and says so.
 */
import { PersistentRoot } from '../kernel/fileservers/persistent.ts'

/** `saved`: OPFS, else IndexedDB; or one of them by name; or `memory`, nothing kept. */
export type RootChoice = 'saved' | 'opfs' | 'indexeddb' | 'memory'

const NAME = 'ninefold'

/** The saved root, or why this page runs in memory. */
export async function savedRoot(choice: RootChoice): Promise<{ root: PersistentRoot } | { reason: string }> {
  if (choice === 'memory') return { reason: 'asked to run in memory' }
  const kind = choice === 'saved' ? (hasOpfs() ? 'opfs' : typeof indexedDB === 'object' ? 'indexeddb' : undefined) : choice
  if (kind === undefined) return { reason: 'this browser has no storage for it' }
  if (!(await holdLock(`${NAME}.root`))) return { reason: 'another tab keeps the saved files' }
  try {
    // only the storage used is fetched
    const storage = kind === 'opfs' ? await (await import('./opfs.ts')).opfsStorage(NAME) : await (await import('./indexeddb.ts')).indexedDbStorage(NAME)
    return { root: new PersistentRoot(storage) }
  } catch (e) {
    return { reason: `the storage cannot be opened (${e instanceof Error ? e.message : String(e)})` }
  }
}

/** Whether this browser can write and move OPFS files from a page (Safari writes them only from workers). */
function hasOpfs(): boolean {
  return typeof navigator.storage?.getDirectory === 'function' && typeof FileSystemFileHandle === 'function' && 'createWritable' in FileSystemFileHandle.prototype && 'move' in FileSystemFileHandle.prototype
}

/** Takes a Web Lock for as long as the page lives; false when another tab has it. */
function holdLock(name: string): Promise<boolean> {
  if (typeof navigator.locks?.request !== 'function') return Promise.resolve(true)
  return new Promise((resolve) => {
    void navigator.locks.request(name, { ifAvailable: true }, (lock) => {
      resolve(lock !== null)
      return lock === null ? undefined : new Promise<never>(() => {})
    })
  })
}
