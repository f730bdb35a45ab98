/** ninefold's library API. */
export { boot, System, type BootOptions, type Preset, type RunOptions, type RunResult } from './image.ts'
export { stdSystem, DEFAULT_USER } from './presets/std.ts'
export * from './kernel/types.ts'
export { NineError, Reasons, isNineError, reasonOf, type ErrorCode } from './kernel/errors.ts'
export { Memfs } from './kernel/fileservers/memfs.ts'
export { synthetic, file, dynamicDir, type FileSpec, type Entries } from './kernel/fileservers/synthetic.ts'
export { readonly } from './kernel/fileservers/readonly.ts'
export type { Console } from './kernel/fileservers/devfs.ts'
