/**
 * What the file command tests share: a system with the core commands (no shell needed), a fresh
 * directory per test, and running the host's coreutils on the same bytes for comparison.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { boot, type Preset, type RunResult, type System } from '../../src/image.ts'
import { coreCommands } from '../../src/bins/registry.ts'

const preset: Preset = {
  name: 'files-test',
  bins: coreCommands,
  dirs: { '/tmp': 0o777 },
  users: [
    { name: 'root', home: '/root', groups: [], shell: '/bin/sh' },
    { name: 'glenda', home: '/home/glenda', groups: [], shell: '/bin/sh' },
  ],
  defaultUser: 'glenda',
}

export function bootFiles(): Promise<System> {
  return boot({ presets: [preset] })
}

let counter = 0

/** A new directory owned by glenda, with `files` (name → contents; a name ending in / is a directory). */
export async function scratch(sys: System, files: Record<string, string | Uint8Array> = {}): Promise<string> {
  const dir = `/tmp/t${++counter}`
  const made = await sys.exec(['mkdir', dir])
  if (made.exitCode !== 0) throw new Error(made.stderr)
  for (const [name, data] of Object.entries(files)) {
    const path = `${dir}/${name}`
    const r = name.endsWith('/') ? await sys.exec(['mkdir', '-p', path]) : await sys.exec(['mkdir', '-p', path.slice(0, path.lastIndexOf('/'))])
    if (r.exitCode !== 0) throw new Error(r.stderr)
    if (!name.endsWith('/')) {
      await sys.writeFile(path, data)
      await sys.context.wstat(path, { uid: 'glenda', gid: 'glenda' })
    }
  }
  return dir
}

/** Runs a host command on the same files (in a temporary directory), in the C.UTF-8 locale (ninefold's text is UTF-8) and UTC. */
export function host(files: Record<string, string | Uint8Array>, argv: string[], stdin?: string | Uint8Array): RunResult {
  const dir = mkdtempSync(join(tmpdir(), 'ninefold-files-'))
  try {
    for (const [name, data] of Object.entries(files)) {
      const path = join(dir, name)
      if (name.endsWith('/')) mkdirSync(path, { recursive: true })
      else {
        mkdirSync(dirname(path), { recursive: true })
        writeFileSync(path, data)
      }
    }
    const r = spawnSync(argv[0]!, argv.slice(1), { cwd: dir, input: stdin ?? '', env: { PATH: process.env.PATH, LC_ALL: 'C.UTF-8', TZ: 'UTC' }, encoding: 'utf8', maxBuffer: 64 << 20 })
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status ?? 255 }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Runs argv in ninefold (cwd a fresh directory holding `files`) and on the host; returns both. */
export async function both(
  sys: System,
  files: Record<string, string | Uint8Array>,
  argv: string[],
  stdin?: string,
): Promise<{ ours: RunResult; theirs: RunResult }> {
  const cwd = await scratch(sys, files)
  const ours = await sys.exec(argv, { cwd, ...(stdin !== undefined ? { stdin } : {}) })
  return { ours, theirs: host(files, argv, stdin) }
}
