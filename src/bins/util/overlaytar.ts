/** A copy-on-write session's changes as a tar archive, for taking them out of the overlay. */
import { concatBytes } from '../../kernel/bytes.ts'
import type { Overlay } from '../../kernel/fileservers/overlay.ts'
import { DMDIR, PERM_MASK } from '../../kernel/types.ts'
import { entryBlocks, TRAILER } from './ustar.ts'

/** The files and directories a copy-on-write session added or changed (removals cannot be told in a tar: see Overlay.changes). */
export async function changesTar(overlay: Overlay): Promise<Uint8Array> {
  const blocks: Uint8Array[] = []
  for (const c of await overlay.changes()) {
    const dir = c.dir
    if (dir === undefined) continue
    const isDir = (dir.mode & DMDIR) !== 0
    const data = isDir ? new Uint8Array(0) : await overlay.readChanged(c.path)
    blocks.push(...entryBlocks({ name: c.path.slice(1) + (isDir ? '/' : ''), type: isDir ? 'dir' : 'file', mode: dir.mode & PERM_MASK, uid: 0, gid: 0, uname: dir.uid, gname: dir.gid, mtime: dir.mtime, linkname: '', data }))
  }
  blocks.push(TRAILER)
  return concatBytes(blocks)
}
