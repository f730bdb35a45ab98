/**
 * Seeding: how the system image furnishes a root filesystem it did not make (Plan 9's
 * reset/init step). A root may be fresh (memfs) or kept from an earlier boot (a host
 * directory), so seeding only makes what is absent and never rewrites what a user changed.
 */
import { NineError } from './errors.ts'
import { dirname } from './path.ts'
import { SUPERUSER } from './perm.ts'
import { DMDIR, DMSTICKY, OWRITE, PERM_MASK, type Cred, type Fileserver } from './types.ts'

export interface Seedable {
  /** Makes directory `path` (clean, absolute) with `mode` and `owner` unless it exists; missing parents are made 0755, owned by root. */
  seedDir(path: string, mode: number, owner: string): void | Promise<void>
  /** Makes file `path` holding `data`, with `mode` and `owner`, unless it exists; missing parents as for seedDir. */
  seedFile(path: string, data: Uint8Array, mode: number, owner: string): void | Promise<void>
}

export function isSeedable(fs: Fileserver): fs is Fileserver & Seedable {
  const s = fs as Partial<Seedable>
  return typeof s.seedDir === 'function' && typeof s.seedFile === 'function'
}

const ROOT: Cred = { uid: SUPERUSER, gid: SUPERUSER, groups: [SUPERUSER] }

/** The fileserver's own seeding where it has one (memfs's is synchronous), otherwise seeding through its ordinary calls as root. */
export function seederOf(fs: Fileserver): Seedable {
  return isSeedable(fs) ? fs : new SeedThrough(fs)
}

class SeedThrough implements Seedable {
  constructor(private readonly fs: Fileserver) {}

  private async exists(path: string): Promise<boolean> {
    try {
      await this.fs.stat(path, ROOT)
      return true
    } catch (e) {
      if (e instanceof NineError && e.code === 'ENOENT') return false
      throw e
    }
  }

  async seedDir(path: string, mode: number, owner: string): Promise<void> {
    if (path === '/' || (await this.exists(path))) return
    await this.seedDir(dirname(path), 0o755, SUPERUSER)
    const h = await this.fs.create(path, DMDIR | (mode & PERM_MASK), 0, ROOT)
    await h.close()
    // The sticky bit (a shared /tmp) is set afterwards: create(5) takes permission bits only.
    await this.own(path, DMDIR | (mode & (PERM_MASK | DMSTICKY)), owner)
  }

  async seedFile(path: string, data: Uint8Array, mode: number, owner: string): Promise<void> {
    if (await this.exists(path)) return
    await this.seedDir(dirname(path), 0o755, SUPERUSER)
    const h = await this.fs.create(path, mode & PERM_MASK, OWRITE, ROOT)
    try {
      if (data.length > 0) await h.write(0, data)
    } finally {
      await h.close()
    }
    await this.own(path, mode & PERM_MASK, owner)
  }

  /** create(5) limits the bits by the parent's and gives the file to its creator: set what was asked. */
  private own(path: string, mode: number, owner: string): Promise<void> {
    return this.fs.wstat(path, { mode, ...(owner === SUPERUSER ? {} : { uid: owner, gid: owner }) }, ROOT)
  }
}
