/**
 * The directory descriptors of a host directory served by hostfs, kept open between lookups (a
 * `grep -r` opens every file of a directory through the same one), at most `max` of them, the
 * least recently used closed first.
 *
 * A kept descriptor is trusted no longer than a fresh one would be: each use first looks the
 * name up again from its parent's descriptor (lstat, not following a link) and uses the kept
 * descriptor only if the name still leads to the same directory (device and inode; while it is
 * open the inode cannot be reused). A directory the host renamed, removed or swapped for a link
 * is met afresh: opened with O_NOFOLLOW, so a link is reported, never followed.
 */
import * as fs from 'node:fs'

const { O_RDONLY, O_DIRECTORY, O_NOFOLLOW, O_NONBLOCK } = fs.constants

export interface HeldDir {
  readonly fd: number
  /** The directory's stat as this lookup saw it (its mode decides search permission). */
  readonly st: fs.Stats
}

export class DirFds {
  /** By path from the top of the served tree ('a/b'), oldest use first. */
  private readonly held = new Map<string, HeldDir>()

  constructor(private readonly max = 64) {}

  /** The directory `name` in the directory `parent` (a descriptor's /proc path), known as `key`; or the link that is there instead. */
  reach(key: string, parent: string, name: string): HeldDir | { link: string } {
    const path = `${parent}/${name}`
    const kept = this.held.get(key)
    if (kept !== undefined) {
      const st = fs.lstatSync(path, { throwIfNoEntry: false })
      this.held.delete(key)
      if (st !== undefined && st.isDirectory() && st.ino === kept.st.ino && st.dev === kept.st.dev) {
        const fresh = { fd: kept.fd, st }
        this.held.set(key, fresh)
        return fresh
      }
      fs.closeSync(kept.fd)
    }
    let fd: number
    try {
      fd = fs.openSync(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_NONBLOCK)
    } catch (e) {
      // a link opened O_DIRECTORY|O_NOFOLLOW fails with ELOOP, or as Linux answers with ENOTDIR (as a file does)
      const code = (e as NodeJS.ErrnoException).code
      if (code !== 'ELOOP' && code !== 'ENOTDIR') throw e
      return { link: linkOrThrow(path, e) }
    }
    let st: fs.Stats
    try {
      st = fs.fstatSync(fd)
    } catch (e) {
      fs.closeSync(fd)
      throw e
    }
    const opened = { fd, st }
    this.held.set(key, opened)
    if (this.held.size > this.max) {
      const [oldest, dir] = this.held.entries().next().value as [string, HeldDir]
      this.held.delete(oldest)
      fs.closeSync(dir.fd)
    }
    return opened
  }

  /** Closes every kept descriptor. */
  closeAll(): void {
    for (const dir of this.held.values()) fs.closeSync(dir.fd)
    this.held.clear()
  }
}

/** What the link `path` says; `failure` where `path` is no link. */
function linkOrThrow(path: string, failure: unknown): string {
  try {
    return fs.readlinkSync(path)
  } catch {
    throw failure
  }
}
