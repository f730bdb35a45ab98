/**
 * The systems under test behind one small interface: boot, run a script, shut down. ninefold is
 * imported from the sources; the peers are devDependencies; dash runs on the host.
 */
import { execFile } from 'node:child_process'
import { Sandbox } from '@lifo-sh/core'
import { Bash } from 'just-bash'
import { ninefold as load } from './ninefold.ts'

const { boot, stdSystem } = await load()

export interface Result {
  stdout: string
  stderr: string
  exitCode: number
}

export interface Instance {
  run(script: string): Promise<Result>
  /** Writes a file inside the system (for dash, on the host). */
  writeFile(path: string, data: string | Uint8Array): Promise<void>
  /** `mkdir -p` inside the system. */
  mkdir(path: string): Promise<void>
  close(): Promise<void>
}

export interface SystemKind {
  name: 'ninefold' | 'just-bash' | 'lifo' | 'dash'
  boot(): Promise<Instance>
  /** The path of `true` as an external command, or its bare name where the system has no paths. */
  truePath: string
}

export const ninefold: SystemKind = {
  name: 'ninefold',
  truePath: '/bin/true',
  async boot() {
    const sys = await boot({ presets: [stdSystem()] })
    return {
      run: (script) => sys.run(script),
      writeFile: (path, data) => sys.writeFile(path, data),
      mkdir: (path) => sys.mkdirAll(path, 0o777),
      close: () => sys.shutdown(),
    }
  },
}

/** just-bash's limits guard against runaway scripts; the benchmarks are long on purpose. */
const UNLIMITED = { maxCommandCount: Infinity, maxLoopIterations: Infinity, maxExecutionTimeMs: Infinity, maxOutputSize: 2 ** 40, maxFileSystemBytes: 2 ** 40, maxArrayElements: 2 ** 40, maxStringLength: 2 ** 40 }

export const justBash: SystemKind = {
  name: 'just-bash',
  truePath: '/bin/true',
  async boot() {
    const bash = new Bash({ executionLimits: UNLIMITED })
    return {
      run: async (script) => {
        const r = await bash.exec(script)
        return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }
      },
      writeFile: (path, data) => bash.fs.writeFile(path, data),
      mkdir: (path) => bash.fs.mkdir(path, { recursive: true }),
      close: async () => {},
    }
  },
}

export const lifo: SystemKind = {
  name: 'lifo',
  // Lifo has no /bin/true file: its commands are found by name only.
  truePath: 'true',
  async boot() {
    const sb = await Sandbox.create()
    return {
      run: (script) => sb.commands.run(script),
      writeFile: (path, data) => sb.fs.writeFile(path, data),
      mkdir: (path) => sb.fs.mkdir(path, { recursive: true }),
      close: async () => sb.destroy(),
    }
  },
}

export const dash: SystemKind = {
  name: 'dash',
  truePath: '/bin/true',
  async boot() {
    const { writeFile, mkdir } = await import('node:fs/promises')
    return {
      run: (script) =>
        new Promise<Result>((resolve) => {
          execFile('/bin/dash', ['-c', script], { maxBuffer: 1 << 30 }, (err, stdout, stderr) => {
            const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : err ? 1 : 0
            resolve({ stdout, stderr, exitCode: code })
          })
        }),
      writeFile: (path, data) => writeFile(path, data),
      mkdir: async (path) => {
        await mkdir(path, { recursive: true })
      },
      close: async () => {},
    }
  },
}

/** Set by run.ts when a workload's process measures one system only (see run.ts). */
const onlySystem = process.env.NINEFOLD_BENCH_SYSTEM

/** Whether this process measures `system`. */
export const measured = (system: SystemKind): boolean => onlySystem === undefined || system.name === onlySystem

export const peers = [justBash, lifo, dash]
export const all = [ninefold, ...peers]

/** Output compared loosely: Lifo pads wc's numbers. */
export function same(actual: string, expected: string): boolean {
  return actual.trim().replace(/\s+/g, ' ') === expected.trim().replace(/\s+/g, ' ')
}
