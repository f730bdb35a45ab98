/**
 * A persistent root's storage in IndexedDB, for browsers without a writable Origin Private File
 * System: the tree as one record per path (a directory's record has no data), the snapshot, and
 * the journal as numbered records. Every call is one transaction, so a page closed mid-call
 * leaves all of it or none (a rename of a directory moves every record under it at once).
 */
import type { RootStorage, StoredEntry, StoredRoot } from '../kernel/rootstorage.ts'

const TREE = 'tree'
const JOURNAL = 'journal'
const SNAPSHOT = 'snapshot'

interface Record {
  data?: Uint8Array
}

export async function indexedDbStorage(name: string): Promise<RootStorage> {
  const db = await request(
    (() => {
      const open = indexedDB.open(name, 1)
      open.onupgradeneeded = () => {
        open.result.createObjectStore(TREE)
        open.result.createObjectStore(JOURNAL, { autoIncrement: true })
        open.result.createObjectStore(SNAPSHOT)
      }
      return open
    })(),
  )
  return new IndexedDbStorage(db)
}

class IndexedDbStorage implements RootStorage {
  constructor(private readonly db: IDBDatabase) {}

  async load(): Promise<StoredRoot> {
    const t = this.db.transaction([TREE, JOURNAL, SNAPSHOT], 'readonly')
    const [paths, records, journal, snapshot] = await Promise.all([
      request(t.objectStore(TREE).getAllKeys()),
      request(t.objectStore(TREE).getAll()),
      request(t.objectStore(JOURNAL).getAll()),
      request(t.objectStore(SNAPSHOT).get(SNAPSHOT)),
    ])
    // keys come in code unit order: a directory's path before every path below it
    const entries: StoredEntry[] = []
    paths.forEach((path, i) => {
      const data = (records[i] as Record | undefined)?.data
      if (typeof path === 'string') entries.push(data instanceof Uint8Array ? { path, data } : { path })
    })
    return { entries, snapshot: typeof snapshot === 'string' ? snapshot : '', journal: journal.filter((l): l is string => typeof l === 'string') }
  }

  writeSnapshot(text: string): Promise<void> {
    return this.change([SNAPSHOT, JOURNAL], (t) => {
      t.objectStore(SNAPSHOT).put(text, SNAPSHOT)
      t.objectStore(JOURNAL).clear()
    })
  }

  appendJournal(line: string): Promise<void> {
    return this.change([JOURNAL], (t) => t.objectStore(JOURNAL).add(line))
  }

  writeFile(path: string, data: Uint8Array): Promise<void> {
    return this.change([TREE], (t) => t.objectStore(TREE).put({ data: new Uint8Array(data) } satisfies Record, path))
  }

  makeDir(path: string): Promise<void> {
    return this.change([TREE], (t) => t.objectStore(TREE).put({} satisfies Record, path))
  }

  remove(path: string): Promise<void> {
    return this.change([TREE], (t) => {
      t.objectStore(TREE).delete(path)
      t.objectStore(TREE).delete(below(path))
    })
  }

  rename(from: string, to: string): Promise<void> {
    return this.change([TREE], (t) => {
      const tree = t.objectStore(TREE)
      const move = (range: IDBValidKey | IDBKeyRange): void => {
        const cursor = tree.openCursor(range)
        cursor.onsuccess = () => {
          const c = cursor.result
          if (c === null) return
          tree.put(c.value, to + String(c.key).slice(from.length))
          c.delete()
          c.continue()
        }
      }
      move(from)
      move(below(from))
    })
  }

  async close(): Promise<void> {
    this.db.close()
  }

  /** Runs one read-write transaction, flushed to disk before it resolves. */
  private change(stores: string[], body: (t: IDBTransaction) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      const t = this.db.transaction(stores, 'readwrite', { durability: 'strict' })
      t.oncomplete = () => resolve()
      t.onerror = () => reject(t.error ?? new Error('the transaction failed'))
      t.onabort = () => reject(t.error ?? new Error('the transaction was aborted'))
      body(t)
    })
  }
}

/** Every path strictly below directory `path` ('0' is the character after '/'). */
function below(path: string): IDBKeyRange {
  return IDBKeyRange.bound(`${path}/`, `${path}0`, false, true)
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error ?? new Error('the request failed'))
  })
}
