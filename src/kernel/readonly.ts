/**
 * The read-only middleware: wraps a fileserver so that every write, create, remove and wstat
 * through it fails with `permission denied`, whatever the file's own permissions say.
 */
import { NineError } from './errors.ts'
import { opensForWrite, ORCLOSE, OTRUNC, type Fileserver, type Handle } from './types.ts'

const views = new WeakMap<Fileserver, Fileserver>()

/** The read-only view of `inner`; one per fileserver, so views keep a stable identity. */
export function readonly(inner: Fileserver): Fileserver {
  let view = views.get(inner)
  if (view === undefined) views.set(inner, (view = makeReadonly(inner)))
  return view
}

function makeReadonly(inner: Fileserver): Fileserver {
  return {
    kind: inner.kind,
    stat: (path, cred) => inner.stat(path, cred),
    statNow: inner.statNow?.bind(inner),
    statInNow: inner.statInNow?.bind(inner),
    // reading, which a read-only view allows
    readdirNow: inner.readdirNow?.bind(inner),
    readNow: inner.readNow?.bind(inner),
    readdir: (path, cred) => inner.readdir(path, cred),
    async open(path, mode, cred): Promise<Handle> {
      if (opensForWrite(mode) || mode & (OTRUNC | ORCLOSE)) throw new NineError('EPERM', path)
      const h = await inner.open(path, mode, cred)
      return {
        read: (offset, count, signal) => h.read(offset, count, signal),
        write: () => Promise.reject(new NineError('EPERM', path)),
        close: () => h.close(),
      }
    },
    create: async (path) => {
      throw new NineError('EPERM', path)
    },
    remove: async (path) => {
      throw new NineError('EPERM', path)
    },
    wstat: async (path) => {
      throw new NineError('EPERM', path)
    },
  }
}
