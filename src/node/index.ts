/** ninefold's Node-only library API (`ninefold/node`): host directories. */
export { hostDir, Hostfs, type HostDirMode, type HostfsOptions } from './hostfs.ts'
