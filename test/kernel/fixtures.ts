/** A small preset of test commands, so kernel tests need neither the shell nor the core commands. */
import { boot, type Preset, type System } from '../../src/image.ts'
import type { BinFunction, ProcContext } from '../../src/kernel/types.ts'

const echo: BinFunction = async (p) => {
  await p.stdout.write(p.argv.slice(1).join(' ') + '\n')
  return 0
}

const copy: BinFunction = async (p) => {
  for (;;) {
    const chunk = await p.read(0)
    if (chunk.length === 0) return 0
    await p.write(1, chunk)
  }
}

const status: BinFunction = async (p) => Number(p.argv[1] ?? 0)

const forever: BinFunction = async (p) => {
  await new Promise<void>((resolve) => p.ended.addEventListener('abort', () => resolve()))
  return 0
}

export const testPreset: Preset = {
  name: 'test',
  bins: { echo, copy, status, forever },
  dirs: { '/tmp': 0o777, '/usr/local/bin': 0o775 },
  users: [
    { name: 'root', home: '/root', groups: [], shell: '/bin/sh' },
    // as in the standard system: glenda administers it with root (packages, services)
    { name: 'sys', home: '/usr/sys', groups: [], shell: '/bin/sh' },
    { name: 'glenda', home: '/home/glenda', groups: ['sys'], shell: '/bin/sh' },
    { name: 'alice', home: '/home/alice', groups: [], shell: '/bin/sh' },
  ],
  defaultUser: 'glenda',
}

export function testSystem(extra: Preset[] = []): Promise<System> {
  return boot({ presets: [testPreset, ...extra] })
}

/** Runs `body` as a process (as root unless `user` is given) and returns what it returned. */
export async function asProcess<T>(sys: System, body: (p: ProcContext) => Promise<T>, user = 'root'): Promise<T> {
  let result: T | undefined
  let error: unknown
  const name = `body${Math.random().toString(36).slice(2)}`
  sys.bins.add(name, async (p) => {
    try {
      result = await body(p)
    } catch (e) {
      error = e
    }
    return 0
  })
  try {
    const r = await sys.exec([name], { user })
    if (error) throw error
    if (r.exitCode !== 0) throw new Error(`process failed: ${r.exitCode} ${r.stderr}`)
    return result as T
  } finally {
    sys.bins.remove(name)
  }
}
