/**
 * Escapes through hostfs: every attempt to read or write outside the served directory fails,
 * nothing outside changes, and no error names a host path. Some attempts race a host process
 * that swaps a directory for a link to the outside while ninefold walks through it.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hostfs, hostDir } from '../../src/node/hostfs.ts'
import { boot } from '../../src/image.ts'
import { stdSystem } from '../../src/presets/std.ts'
import { DMDIR, OREAD, ORDWR, OTRUNC, OWRITE, type Cred } from '../../src/kernel/types.ts'

const SECRET = 'SECRET-OUTSIDE'
const glenda: Cred = { uid: 'glenda', gid: 'glenda', groups: ['glenda'] }
const root: Cred = { uid: 'root', gid: 'root', groups: ['root'] }

function outsideState(outside: string): string {
  return readdirSync(outside)
    .sort()
    .map((n) => {
      const st = statSync(join(outside, n))
      return `${n} ${st.mode.toString(8)} ${st.isFile() ? readFileSync(join(outside, n), 'utf8') : ''}`
    })
    .join('\n')
}

test('thirty escape attempts through hostfs fail; nothing outside is read or written; no host path is shown', async (t) => {
  const base = mkdtempSync(join(tmpdir(), 'ninefold-escape-'))
  t.after(() => rmSync(base, { recursive: true, force: true }))
  const outside = join(base, 'outside')
  const top = join(base, 'served')
  mkdirSync(outside)
  mkdirSync(join(top, 'sub/deeper'), { recursive: true })
  writeFileSync(join(outside, 'secret'), SECRET)
  writeFileSync(join(top, 'inside'), 'inside')
  symlinkSync(join(outside, 'secret'), join(top, 'abs'))
  symlinkSync(outside, join(top, 'absdir'))
  symlinkSync('../outside/secret', join(top, 'rel'))
  symlinkSync('../outside', join(top, 'reldir'))
  symlinkSync('chain2', join(top, 'chain1'))
  symlinkSync('../outside/secret', join(top, 'chain2'))
  symlinkSync('loop', join(top, 'loop'))
  symlinkSync('../../../outside', join(top, 'sub/deeper/up'))
  symlinkSync('/', join(top, 'slash'))
  symlinkSync('/etc/passwd', join(top, 'passwd'))
  symlinkSync(join(outside, 'created-through-link'), join(top, 'dangling'))
  symlinkSync('inside', join(top, 'goodlink'))
  linkSync(join(outside, 'secret'), join(top, 'hard'))
  execFileSync('mkfifo', [join(top, 'fifo')])
  let devnode = false
  try {
    execFileSync('mknod', [join(top, 'null'), 'c', '1', '3'], { stdio: 'ignore' })
    devnode = true
  } catch {
    // not allowed to make device nodes here: the link to /dev/null below still tries a device
  }
  symlinkSync('/dev/zero', join(top, 'zero'))
  const sock = createServer()
  await new Promise<void>((resolve) => sock.listen(join(top, 'sock'), resolve))
  t.after(() => sock.close())
  const before = outsideState(outside)

  const fs = new Hostfs(top, { writable: true, owner: 'glenda' })
  const messages: string[] = []
  /** An attempt must fail, or at least not yield the outside's bytes. */
  const attempt = async (what: string, run: () => Promise<unknown>): Promise<void> => {
    try {
      const got = await run()
      const text = got instanceof Uint8Array ? new TextDecoder().decode(got) : JSON.stringify(got ?? '')
      assert.ok(!text.includes(SECRET), `${what}: read the outside file`)
      assert.fail(`${what}: succeeded`)
    } catch (e) {
      if (e instanceof assert.AssertionError) throw e
      messages.push(`${what}: ${(e as Error).message}`)
    }
  }
  const read = async (path: string, cred = glenda): Promise<Uint8Array> => {
    const h = await fs.open(path, OREAD, cred)
    try {
      return await h.read(0, 4096)
    } finally {
      await h.close()
    }
  }
  const write = async (path: string, mode = OWRITE): Promise<number> => {
    const h = await fs.open(path, mode, glenda)
    try {
      return await h.write(0, new TextEncoder().encode('overwritten'))
    } finally {
      await h.close()
    }
  }

  let n = 0
  const tries: [string, () => Promise<unknown>][] = [
    ['.. at the top', () => read('/../outside/secret')],
    ['.. inside', () => read('/sub/../../outside/secret')],
    ['absolute link to a file', () => read('/abs')],
    ['absolute link to a directory', () => read('/absdir/secret')],
    ['relative link to a file', () => read('/rel')],
    ['relative link to a directory', () => fs.readdir('/reldir', glenda)],
    ['chain of links', () => read('/chain1')],
    ['link loop', () => read('/loop')],
    ['link up from a subdirectory', () => read('/sub/deeper/up/secret')],
    ['link to the host root', () => read('/slash/etc/passwd')],
    ['link to a host file', () => read('/passwd')],
    ['write through an absolute link', () => write('/abs')],
    ['create through a directory link', () => fs.create('/absdir/new', 0o644, OWRITE, glenda)],
    ['create through a dangling link', () => fs.create('/dangling', 0o644, OWRITE, glenda)],
    ['mkdir through a directory link', () => fs.create('/reldir/newdir', DMDIR | 0o755, OREAD, glenda)],
    ['remove through a directory link', () => fs.remove('/absdir/secret', glenda)],
    ['rename out with a slash', () => fs.wstat('/inside', { name: '../outside/x' }, glenda)],
    ['rename to ..', () => fs.wstat('/inside', { name: '..' }, glenda)],
    ['write through a hard link', () => write('/hard')],
    ['truncate a hard link on open', () => write('/hard', OWRITE | OTRUNC)],
    ['truncate a hard link by wstat', () => fs.wstat('/hard', { length: 0 }, glenda)],
    ['chmod a hard link', () => fs.wstat('/hard', { mode: 0o777 }, glenda)],
    ['read a FIFO', () => read('/fifo')],
    ['write a FIFO', () => write('/fifo', ORDWR)],
    ['a socket', () => read('/sock')],
    [devnode ? 'a device node' : 'a device through a link', () => read(devnode ? '/null' : '/zero', root)],
    ['a link to a device', () => read('/zero', root)],
    ['a very long name', () => read(`/${'a'.repeat(300)}`)],
    ['a very deep path', () => read(`/${Array(3000).fill('sub').join('/')}`)],
    ['a NUL byte', () => read('/inside\0/../abs')],
  ]
  for (const [what, run] of tries) {
    await attempt(what, run)
    n++
  }
  assert.equal(n, 30)

  // The same names opened from an open directory (openAt): links resolved from the top, the rest refused.
  const served = await fs.open('/', OREAD, glenda)
  const sub = await fs.open('/sub/deeper', OREAD, glenda)
  const readAt = async (dir: typeof served, path: string, cred = glenda): Promise<Uint8Array> => {
    const h = await fs.openAt(dir, path, OREAD, cred)
    try {
      return await h.read(0, 4096)
    } finally {
      await h.close()
    }
  }
  for (const name of ['abs', 'rel', 'chain1', 'loop', 'slash', 'passwd', 'dangling', 'fifo', 'sock', 'zero', ...(devnode ? ['null'] : [])]) await attempt(`openAt ${name}`, () => readAt(served, `/${name}`, root))
  await attempt('openAt up', () => readAt(sub, '/sub/deeper/up'))
  assert.equal(new TextDecoder().decode(await readAt(served, '/goodlink')), 'inside')
  // Read whole from an open directory (readAt, grep -r's every small file): a link is left to
  // openAt (undefined), what is not a file or a directory is refused, nothing outside is read.
  const links = ['abs', 'rel', 'chain1', 'loop', 'slash', 'passwd', 'dangling', 'zero', 'goodlink']
  for (const name of [...links, 'fifo', 'sock', ...(devnode ? ['null'] : [])]) {
    let got: unknown
    try {
      got = fs.readAt(served, `/${name}`, 4096, root)
    } catch (e) {
      got = e
    }
    if (links.includes(name)) assert.equal(got, undefined, `readAt ${name}`)
    else {
      assert.ok(got instanceof Error && /permission denied/.test(got.message), `readAt ${name}: ${String(got)}`)
      messages.push(`readAt ${name}: ${got.message}`)
    }
  }
  assert.equal(new TextDecoder().decode(fs.readAt(served, '/inside', 4096, glenda)!), 'inside')
  const lent = new Uint8Array(7)
  const into = fs.readAt(served, '/inside', 4096, glenda, lent)!
  assert.ok(into.buffer === lent.buffer && new TextDecoder().decode(into) === 'inside', 'read into the buffer lent')
  const fresh = fs.readAt(served, '/inside', 4096, glenda, new Uint8Array(6))!
  assert.equal(new TextDecoder().decode(fresh), 'inside', 'a buffer with no room for the byte more is not used')
  assert.equal(fs.readAt(served, '/inside', 5, glenda), undefined, 'larger than asked: left to openAt')
  assert.equal(fs.readAt(served, '/sub', 4096, glenda), undefined, 'a directory: left to openAt')
  await served.close()
  await sub.close()

  // What is inside still works, links inside included; the listing hides what is not served.
  assert.equal(new TextDecoder().decode(await read('/goodlink')), 'inside')
  const listed = (await fs.readdir('/', glenda)).map((d) => d.name).sort()
  assert.deepEqual(listed, ['goodlink', 'hard', 'inside', 'sub'])

  assert.equal(outsideState(outside), before, 'nothing outside changed')
  for (const m of messages) assert.ok(!m.includes(base) && !m.includes(tmpdir()), `a host path in: ${m}`)
  await fs.shutdown()
})

test('a directory swapped for a link to the outside by a racing host process is never followed', async (t) => {
  const base = mkdtempSync(join(tmpdir(), 'ninefold-race-'))
  t.after(() => rmSync(base, { recursive: true, force: true }))
  const outside = join(base, 'outside')
  const top = join(base, 'served')
  mkdirSync(outside)
  mkdirSync(top)
  writeFileSync(join(outside, 'secret'), SECRET)
  // The racer swaps served/d between a real directory (holding an innocent file) and a link to
  // the outside, and served/f between a file and a link, with atomic renames, as fast as it can.
  const racer = spawn(
    process.execPath,
    [
      '-e',
      `const fs = require('fs'), p = require('path'), top = ${JSON.stringify(top)}, out = ${JSON.stringify(outside)};
       fs.mkdirSync(p.join(top, 'real')); fs.writeFileSync(p.join(top, 'real', 'secret'), 'innocent');
       fs.writeFileSync(p.join(top, 'realfile'), 'innocent');
       for (;;) {
         try { fs.rmSync(p.join(top, 'tmp'), { force: true, recursive: true }); fs.symlinkSync(out, p.join(top, 'tmp')); fs.renameSync(p.join(top, 'tmp'), p.join(top, 'd')) } catch {}
         try { fs.rmSync(p.join(top, 'd'), { force: true }); fs.cpSync(p.join(top, 'real'), p.join(top, 'd'), { recursive: true }) } catch {}
         try { fs.symlinkSync(p.join(out, 'secret'), p.join(top, 'tmpf')); fs.renameSync(p.join(top, 'tmpf'), p.join(top, 'f')) } catch {}
         try { fs.copyFileSync(p.join(top, 'realfile'), p.join(top, 'tmpr')); fs.renameSync(p.join(top, 'tmpr'), p.join(top, 'f')) } catch {}
       }`,
    ],
    { stdio: 'ignore' },
  )
  t.after(() => racer.kill('SIGKILL'))
  const fs = new Hostfs(top, { writable: false, owner: 'glenda' })
  const topDir = await fs.open('/', OREAD, glenda)
  let innocent = 0
  const deadline = Date.now() + 3000
  for (let i = 0; i < 4000 && Date.now() < deadline; i++) {
    for (const path of ['/d/secret', '/f', 'at /f', 'whole /f']) {
      try {
        let got: string
        if (path === 'whole /f') got = new TextDecoder().decode(fs.readAt(topDir, '/f', 100, glenda) ?? new Uint8Array())
        else {
          const h = path === 'at /f' ? await fs.openAt(topDir, '/f', OREAD, glenda) : await fs.open(path, OREAD, glenda)
          got = new TextDecoder().decode(await h.read(0, 100))
          await h.close()
        }
        assert.notEqual(got, SECRET, `read the outside through ${path}`)
        if (got === 'innocent') innocent++
      } catch (e) {
        if (e instanceof assert.AssertionError) throw e
      }
    }
  }
  racer.kill('SIGKILL')
  assert.ok(innocent > 0, 'the race ran: some reads found the innocent files')
  await topDir.close()
  await fs.shutdown()
})

test('grep -r over a file a racing host process swaps for a FIFO with data in it reads only the file, and never waits', async (t) => {
  const top = mkdtempSync(join(tmpdir(), 'ninefold-fifo-race-'))
  t.after(() => rmSync(top, { recursive: true, force: true }))
  mkdirSync(join(top, 'spare'))
  writeFileSync(join(top, 'spare/file'), 'innocent data\n')
  execFileSync('mkfifo', [join(top, 'spare/fifo')])
  writeFileSync(join(top, 'f'), 'innocent data\n')
  // The racer holds the FIFO open, keeps data waiting in it, and swaps f between the file and the
  // FIFO (hard links renamed over f) as fast as it can.
  const racer = spawn(
    process.execPath,
    [
      '-e',
      `const fs = require('fs'), p = require('path'), top = ${JSON.stringify(top)};
       const w = fs.openSync(p.join(top, 'spare/fifo'), fs.constants.O_RDWR | fs.constants.O_NONBLOCK);
       for (let i = 0; ; i++) {
         try { fs.writeSync(w, 'fifo data\\n') } catch {}
         const from = p.join(top, 'spare', i % 2 ? 'fifo' : 'file'), next = p.join(top, 'spare/next');
         try { fs.linkSync(from, next); fs.renameSync(next, p.join(top, 'f')) } catch {}
       }`,
    ],
    { stdio: 'ignore' },
  )
  t.after(() => racer.kill('SIGKILL'))
  const sys = await boot({ presets: [stdSystem()], mounts: { '/work': hostDir(top) } })
  t.after(() => sys.shutdown())
  let innocent = 0
  const deadline = Date.now() + 2000
  for (let i = 0; i < 2000 && Date.now() < deadline; i++) {
    const r = await sys.run('grep -r data /work')
    for (const line of r.stdout.split('\n').filter(Boolean)) {
      // (the racer's spare names hold the file too)
      assert.match(line, /^\/work\/[a-z/]+:innocent data$/, 'read the FIFO')
      if (line === '/work/f:innocent data') innocent++
    }
    // refused while it is the FIFO, gone while a spare name is renamed away
    for (const line of r.stderr.split('\n').filter(Boolean)) assert.match(line, /^grep: \/work\/[a-z/]+: (permission denied|file does not exist)$/)
  }
  racer.kill('SIGKILL')
  assert.ok(innocent > 0, 'the race ran: some searches found the file')
})
