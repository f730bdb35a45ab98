/** The handle of an opened directory: reading or writing it is refused (directories are listed with readdir). */
import { NineError } from './errors.ts'
import type { Handle } from './types.ts'

export function directoryHandle(path: string): Handle {
  return {
    read: () => Promise.reject(new NineError('EISDIR', path)),
    write: () => Promise.reject(new NineError('EISDIR', path)),
    close() {},
  }
}
