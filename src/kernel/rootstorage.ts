/**
 * Where a persistent root keeps its files between runs: a host directory in Node, the Origin
 * Private File System or IndexedDB in a browser. The persistent root (fileservers/persistent.ts)
 * decides what to write and in which order; a storage only promises that each call, once its
 * promise resolves, survives a crash (kill -9, a closed tab) whole or not at all, as said below.
 */

/** A directory (no data) or a file of the stored tree. */
export interface StoredEntry {
  /** Clean and absolute, as in the root; never '/'. */
  path: string
  data?: Uint8Array
}

/** What an earlier run left behind. */
export interface StoredRoot {
  /** Every directory and file, each parent before its children. */
  entries: StoredEntry[]
  /** The metadata snapshot last written (empty when none). */
  snapshot: string
  /** The journal lines appended since that snapshot, in order; a line torn by a crash may be last. */
  journal: string[]
}

export interface RootStorage {
  /** Reads everything kept (and drops what an interrupted write left half done). */
  load(): Promise<StoredRoot>
  /**
   * Replaces the snapshot and empties the journal. After a crash: the old snapshot and journal,
   * or the new snapshot, perhaps still with the old journal (whose lines, replayed over the
   * snapshot they led to, change nothing).
   */
  writeSnapshot(text: string): Promise<void>
  /** Appends one line to the journal. */
  appendJournal(line: string): Promise<void>
  /** Replaces a file's bytes: after a crash, the old bytes or the new ones, never a mix. */
  writeFile(path: string, data: Uint8Array): Promise<void>
  /** Makes a directory (its parent exists); an existing one is left as it is. */
  makeDir(path: string): Promise<void>
  /** Removes a file or a whole directory; an absent one is no error. */
  remove(path: string): Promise<void>
  /** Renames a file or directory (over an absent name). */
  rename(from: string, to: string): Promise<void>
  close(): Promise<void>
}
