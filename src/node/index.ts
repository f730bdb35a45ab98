/** ninefold's Node-only library API (`ninefold/node`): host directories and a root kept in one. */
export { hostDir, Hostfs, type HostDirMode, type HostfsOptions } from './hostfs.ts'
export { Persistfs } from './persistfs.ts'
export { nodeWorkers } from './workers.ts'
