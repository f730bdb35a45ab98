/**
 * What a sandbox must never change, seen from outside as root: the files of the system tree
 * (owner, mode, length, version, contents), init's namespace, /srv entries with their owners and
 * modes, the users, the namespace groups and the processes alive.
 */
import assert from 'node:assert/strict'
import type { RunOptions } from '../../src/image.ts'
import { formatNs } from '../../src/kernel/nsformat.ts'
import type { System } from '../../src/image.ts'
import { DMDIR } from '../../src/kernel/types.ts'

/** The trees a sandbox must leave alone (/proc, /bin, /dev are synthetic and covered below). */
const TREES = ['/etc', '/home', '/tmp', '/usr', '/root', '/n', '/mnt']

export interface World {
  files: string[]
  initNs: string
  mounts: string
  srv: string
  users: string
  groups: string
  procs: string[]
}

async function walk(sys: System, path: string, out: string[]): Promise<void> {
  const ctx = sys.context
  const d = await ctx.stat(path).catch(() => undefined)
  if (d === undefined) return
  let line = `${path} ${(d.mode >>> 0).toString(8)} ${d.uid}:${d.gid} v${d.qid.version} ${d.length} ${d.mtime}`
  if (d.mode & DMDIR) {
    out.push(line)
    for (const e of (await ctx.readdir(path)).sort((a, b) => a.name.localeCompare(b.name))) await walk(sys, `${path}/${e.name}`, out)
  } else {
    line += ' ' + new TextDecoder().decode(await ctx.readFile(path))
    out.push(line)
  }
}

export async function world(sys: System): Promise<World> {
  const files: string[] = []
  for (const t of TREES) await walk(sys, t, files)
  files.push('/ ' + (await sys.context.readdir('/')).map((d) => d.name).sort().join(' '))
  const init = sys.kernel.init
  const asRoot = (script: string) => sys.run(script, { user: 'root' }).then((r) => r.stdout + r.stderr)
  return {
    files,
    initNs: formatNs(init.ns, init.cwd),
    mounts: await asRoot('mount'),
    srv: await asRoot('ls -l /srv'),
    users: new TextDecoder().decode(await sys.readFile('/adm/users')),
    groups: JSON.stringify(sys.kernel.nsgroups.list()),
    procs: [...sys.kernel.procs.values()].filter((p) => !p.exited).map((p) => `${p.pid} ${p.cred.uid} ${p.argv.join(' ')}`),
  }
}

/** Runs an attempt: its stderr (and stdout, if given) must be exactly this, and the world as before. */
export async function attemptIn(sys: System, before: World, options: RunOptions, script: string, stderr: string, stdout?: string): Promise<void> {
  const r = await sys.run(script, options)
  assert.equal(r.stderr, stderr)
  if (stdout !== undefined) assert.equal(r.stdout, stdout)
  assert.deepEqual(await world(sys), before)
}
