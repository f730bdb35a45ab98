/**
 * ninefold in a real browser: Debian's Chromium, headless, driven by playwright-core, with
 * Chromium's fake camera behind getUserMedia. Each test opens the page `npm run web` serves and
 * types at its terminal as a person would.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import jpeg from 'jpeg-js'
import { chromium, type Browser, type Page } from 'playwright-core'
import { serveWeb } from '../../src/node/web.ts'

const CHROMIUM = '/usr/bin/chromium'
const skip = !existsSync(CHROMIUM) && 'chromium is not installed'
/** Headless, no background traffic (the machine has no network), and a fake camera that needs no permission prompt. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']

let browser: Browser
let url: string
let stop: () => void

before(async () => {
  if (skip) return
  const served = await serveWeb(0)
  url = served.url
  stop = () => served.server.close()
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
})

after(async () => {
  await browser?.close()
  stop?.()
})

/** The terminal's rows as text (xterm.js's DOM renderer keeps the screen in the page). */
function screen(page: Page): Promise<string[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll('.xterm-rows > div')).map((row) => (row.textContent ?? '').trimEnd()))
}

async function until(page: Page, what: string, ok: (rows: string[]) => boolean, ms = 20_000): Promise<string[]> {
  const end = Date.now() + ms
  for (;;) {
    const rows = await screen(page)
    if (ok(rows)) return rows
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}; the screen:\n${rows.filter(Boolean).join('\n')}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** The last row with text on it. */
const last = (rows: string[]): string => rows.filter((r) => r !== '').at(-1) ?? ''

/** Whether the screen ends at the shell's prompt (whatever PS1 says, it ends in `$`). */
const prompted = (rows: string[]): boolean => last(rows).endsWith('$')

/** The `n` rows with text just above the prompt that ends the screen. */
function output(rows: string[], n: number): string[] {
  assert.ok(prompted(rows), rows.join('\n'))
  return rows.filter((r) => r !== '').slice(-n - 1, -1)
}

async function open(query = ''): Promise<Page> {
  const page = await browser.newPage()
  await page.goto(url + query)
  await until(page, 'the first prompt', (rows) => prompted(rows))
  return page
}

/** Reloads the page (as a person's F5 would) and waits for the new login's prompt. */
async function reload(page: Page): Promise<void> {
  await page.reload()
  await until(page, 'the prompt after the reload', (rows) => prompted(rows))
}

async function run(page: Page, line: string): Promise<string[]> {
  const before = (await screen(page)).filter((r) => r !== '').length
  await page.keyboard.type(line)
  await page.keyboard.press('Enter')
  return until(page, `\`${line}\` to finish`, (rows) => {
    const shown = rows.filter((r) => r !== '')
    return shown.length > before && prompted(rows)
  })
}

test('the page boots into a login shell and runs a pipeline, and jq', { skip }, async () => {
  const page = await open()
  const rows = await run(page, 'echo hello | wc -c')
  const [typed, counted] = output(rows, 2)
  assert.match(typed!, /\$ echo hello \| wc -c$/)
  assert.equal(counted, '6')
  // jq is WebAssembly the page fetches when jq first runs
  const jq = await run(page, `echo '{"a":[1,2]}' | jq -c .a`)
  assert.deepEqual(output(jq, 1), ['[1,2]'])
  await page.close()
})

test('the shell parts a browser fetches on first use (arithmetic, braces, [[ ]], patterns, globbing, declare -i, arrays) work on that first use', { skip }, async () => {
  const page = await open('?root=memory')
  const rows = await run(page, 'set -B; n=$((2+3)); echo {a,b}$n; [[ $n == 5 ]] && echo cond; case $n in [4-6]) echo case;; esac; declare -i i=n*2; a=(p q); echo $i ${n/5/x} /et* ${a[1]}')
  assert.deepEqual(output(rows, 4), ['a5 b5', 'cond', 'case', '10 x /etc q'])
  await page.close()
})

test('commands built on libraries work in the page: hashes (noble), diff (jsdiff), grep -E (re2js), gzip and zip (fflate)', { skip }, async () => {
  const page = await open('?root=memory')
  const rows = await run(page, "cd /tmp; echo abc | sha256sum | cut -c1-8; echo abc | md5sum | cut -c1-8; printf 'a\\nb\\n' > x; printf 'a\\nc\\n' > y; diff x y | tail -1; echo foo123 | grep -oE '[0-9]+'; echo hi | gzip | gunzip; zip -q z.zip x && unzip -p z.zip | tr '\\n' ' '; echo")
  assert.deepEqual(output(rows, 6), ['edeaaff3', '0bee89b0', '> c', '123', 'hi', 'a b'])
  await page.close()
})

test("awk runs under the page's Content-Security-Policy (it compiles with new Function: the policy allows unsafe-eval)", { skip }, async () => {
  const page = await open()
  const policy = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'))
  assert.match(policy ?? '', /script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'/)
  const rows = await run(page, "echo 'a b c' | awk '{ print $2 NF }'")
  assert.deepEqual(output(rows, 1), ['b3'])
  await page.close()
})

test('tar z runs in the page (gzip by fflate)', { skip }, async () => {
  const page = await open()
  const listed = await run(page, 'mkdir -p /tmp/t/d && echo x > /tmp/t/d/f && tar czf /tmp/t.tgz -C /tmp t && tar tzf /tmp/t.tgz')
  assert.deepEqual(output(listed, 3), ['t/', 't/d/', 't/d/f'])
  await page.close()
})

test('the roadmap flow with the browser camera: frame.jpg comes from getUserMedia at the set resolution', { skip }, async () => {
  const page = await open()
  await run(page, 'pkg install webcam-device')
  await run(page, 'svc start webcam-srv')
  await run(page, "echo 'resolution 320x240' > /dev/webcam/ctl")
  const download = page.waitForEvent('download')
  await run(page, 'download /dev/webcam/frame.jpg')
  const path = join(tmpdir(), `ninefold-frame-${process.pid}.jpg`)
  await (await download).saveAs(path)
  const image = jpeg.decode(await readFile(path))
  assert.equal(image.width, 320)
  assert.equal(image.height, 240)
  // Chromium's fake device draws on a dark green field; the synthetic camera draws colour bars
  // whose green is (16, 235, 16) and never this one.
  let field = 0
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!]
    if (r < 40 && b < 40 && g > 100 && g < 170) field++
  }
  assert.ok(field > (image.width * image.height) / 2, `only ${field} pixels of the fake device's field`)
  const status = await run(page, 'cat /dev/webcam/status')
  assert.ok(status.includes('resolution 320x240'), status.join('\n'))
  await page.close()
})

/**
 * Types `line` (a command that never ends), checks that the page keeps drawing frames while it
 * runs, then that Ctrl-C ends it at once (status 130).
 */
async function responsiveUntilCtrlC(page: Page, line: string): Promise<void> {
  // (a string: the test's compiler would wrap a named function in a helper the page lacks)
  await page.evaluate('window.frames_ = 0; (function tick() { window.frames_++; requestAnimationFrame(tick) })()')
  const frames = (): Promise<number> => page.evaluate(() => (window as unknown as { frames_: number }).frames_)
  await page.keyboard.type(line)
  await page.keyboard.press('Enter')
  await new Promise((r) => setTimeout(r, 300))
  const start = await frames()
  await new Promise((r) => setTimeout(r, 1000))
  const during = (await frames()) - start
  // a frozen page draws no frames at all; a live one draws dozens a second
  assert.ok(during >= 10, `only ${during} animation frames in a second of \`${line}\``)
  const pressed = Date.now()
  await page.keyboard.press('Control+C')
  await until(page, 'the prompt after Ctrl-C', (rows) => prompted(rows))
  const took = Date.now() - pressed
  assert.ok(took < 2000, `Ctrl-C took ${took} ms`)
  const rows = await run(page, 'echo status=$?')
  assert.ok(rows.includes('status=130'), rows.join('\n'))
}

test('Ctrl-C stops a busy job at once and the page stays responsive while it runs', { skip }, async () => {
  const page = await open()
  await responsiveUntilCtrlC(page, 'yes > /dev/null')
  await page.close()
})

test("jq's WebAssembly runs in a Web Worker: a filter that never ends leaves the page responsive, Ctrl-C ends it, and jq works after", { skip }, async () => {
  const page = await open()
  const workers: string[] = []
  page.on('worker', (worker) => workers.push(new URL(worker.url()).pathname))
  await responsiveUntilCtrlC(page, "jq -n 'def f: f; f'")
  assert.deepEqual(workers, ['/web/jqworker.js'])
  const rows = await run(page, `echo '{"a":[1,2]}' | jq -c .a`)
  assert.deepEqual(output(rows, 1), ['[1,2]'])
  await page.close()
})

test('Ctrl-Z stops the foreground job: jobs lists it Stopped, fg continues it, Ctrl-C then ends it', { skip }, async () => {
  const page = await open()
  await page.keyboard.type('sleep 100')
  await page.keyboard.press('Enter')
  const stopped = /^\[1\]\+\s+Stopped\s+sleep 100$/
  const stop = async (): Promise<string[]> => {
    // repeated in case it arrives before the shell has handed the terminal to the job
    for (let i = 0; i < 100 && !prompted(await screen(page)); i++) {
      await page.keyboard.press('Control+Z')
      await new Promise((r) => setTimeout(r, 100))
    }
    return until(page, 'the job to stop', (rows) => prompted(rows) && rows.some((r) => stopped.test(r)))
  }
  const rows = await stop()
  assert.equal(rows[rows.findIndex((r) => stopped.test(r)) - 1], '^Z')
  assert.match(output(await run(page, 'jobs'), 1)[0]!, stopped)
  await page.keyboard.type('fg')
  await page.keyboard.press('Enter')
  await until(page, 'fg to name the job', (r) => last(r) === 'sleep 100')
  await page.keyboard.press('Control+C')
  await until(page, 'the prompt after Ctrl-C', prompted)
  assert.deepEqual(output(await run(page, 'echo status=$?; jobs | wc -l'), 2), ['status=130', '0'])
  await page.close()
})

test('a screenshot of the terminal after `ls -l /` is saved for people to look at', { skip }, async () => {
  const page = await open()
  const rows = await run(page, 'ls -l /')
  assert.ok(rows.some((r) => / bin$/.test(r)), rows.join('\n'))
  const path = join(tmpdir(), 'ninefold-web-ls.png')
  await page.screenshot({ path })
  console.log(`screenshot: ${path}`)
  await page.close()
})

test('nothing the page loads uses a Node-only global', { skip }, async () => {
  const page = await browser.newPage()
  const scripts: { url: string; text: string }[] = []
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') void response.text().then((text) => scripts.push({ url: response.url(), text }))
  })
  await page.goto(url)
  await until(page, 'the first prompt', (rows) => prompted(rows))
  // commands and packages load on first use: use some, so their code is loaded too
  await run(page, 'pkg install webcam-device')
  await run(page, 'ls /bin | wc -l')
  assert.ok(scripts.length > 0)
  const node = /\bBuffer\.(from|alloc|isBuffer)\b|\bprocess\.(env|nextTick|stdout|stderr|argv|exit)\b|\brequire\(["']|\b__dirname\b|\b__filename\b|\bsetImmediate\(/
  for (const { url: from, text } of scripts) {
    const found = node.exec(text)
    assert.equal(found, null, `${from} uses ${found?.[0]}`)
  }
  await page.close()
})

test('a camera the person does not allow: webcam-srv says so and the service fails with that reason', { skip }, async () => {
  // Without the fake permission prompt, headless Chromium refuses getUserMedia.
  const refusing = await chromium.launch({ executablePath: CHROMIUM, args: ARGS.filter((a) => a !== '--use-fake-ui-for-media-stream') })
  try {
    const page = await refusing.newPage()
    await page.goto(url)
    await until(page, 'the first prompt', (rows) => prompted(rows))
    await run(page, 'pkg install webcam-device')
    let rows = await run(page, 'webcam-srv; echo status=$?')
    assert.ok(rows.includes('webcam-srv: camera permission denied'), rows.join('\n'))
    assert.ok(rows.includes('status=1'), rows.join('\n'))
    await run(page, 'svc start webcam-srv')
    // one line that waits inside ninefold for the restarts to give up (polling from here would scroll the screen)
    rows = await run(page, "until svc status webcam-srv | grep -q '^state.failed'; do sleep 0.2; done; svc status webcam-srv | grep -e state -e error")
    assert.ok(rows.some((r) => /^state\s+failed/.test(r)), rows.join('\n'))
    assert.ok(rows.some((r) => /^error\s+webcam-srv: camera permission denied$/.test(r)), rows.join('\n'))
  } finally {
    await refusing.close()
  }
})

test("9P from the page: `import ws!127.0.0.1!PORT` mounts a Node ninefold's namespace", { skip, timeout: 60_000 }, async () => {
  const home = mkdtempSync(join(tmpdir(), 'ninefold-web-9p-'))
  const bin = new URL('../../bin/ninefold', import.meta.url).pathname
  const node = spawn(bin, ['--user', 'root', '--listen', 'ws!127.0.0.1!0', '-c', 'echo written on the node side > /tmp/x; sleep 60'], { env: { ...process.env, HOME: home }, stdio: ['ignore', 'ignore', 'pipe'] })
  let err = ''
  node.stderr.on('data', (d: Buffer) => (err += d.toString()))
  try {
    let address: string | undefined
    for (let i = 0; i < 1500 && address === undefined; i++) {
      address = /listening on (ws!\S+)/.exec(err)?.[1]
      await new Promise((r) => setTimeout(r, 20))
    }
    assert.ok(address !== undefined, `no listener: ${err}`)
    const page = await open()
    await run(page, 'mkdir /n/host')
    const rows = await run(page, `import '${address}' / /n/host && until test -s /n/host/tmp/x; do sleep 0.05; done; cat /n/host/tmp/x`)
    assert.deepEqual(output(rows, 1), ['written on the node side'])
    await page.close()
  } finally {
    node.kill('SIGKILL')
    rmSync(home, { recursive: true, force: true })
  }
})

for (const kind of ['opfs', 'indexeddb']) {
  test(`a file written in ~ is there after a reload (${kind})`, { skip }, async () => {
    const started = Date.now()
    const page = await open(`?root=${kind}`)
    console.log(`first boot with an empty ${kind} root: ${Date.now() - started} ms`)
    await run(page, "echo kept across the reload > ~/note; mkdir ~/d; echo moved > ~/d/f; mv ~/d ~/e; echo odd > ~/'50%5c\\name'")
    await reload(page)
    const rows = await run(page, "cat ~/note ~/e/f ~/'50%5c\\name'; ls ~/d")
    assert.deepEqual(output(rows, 4), ['kept across the reload', 'moved', 'odd', 'ls: /home/glenda/d: file does not exist'])
    // and it was kept where it was asked to be
    const where =
      kind === 'opfs'
        ? await page.evaluate(async () => (await (await (await navigator.storage.getDirectory()).getDirectoryHandle('ninefold')).getDirectoryHandle('data')).name)
        : await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).join(','))
    assert.equal(where, kind === 'opfs' ? 'data' : 'ninefold')
    await page.close()
  })
}

test('a directory rename that a reload interrupted in OPFS is finished by the next load', { skip }, async () => {
  const page = await open('?root=opfs')
  await run(page, 'mkdir ~/d; echo inside > ~/d/f')
  // What the page had done when the reload came: the rename journalled, its record written, the
  // copy begun (the new directory made, its file not yet copied).
  // (a string: the test's compiler would wrap a named function in a helper the page lacks)
  await page.evaluate(`(async () => {
    const top = await (await navigator.storage.getDirectory()).getDirectoryHandle('ninefold')
    async function write(dir, name, text) {
      const stream = await (await dir.getFileHandle(name, { create: true })).createWritable()
      await stream.write(text)
      await stream.close()
    }
    const generation = (await (await (await top.getFileHandle('meta.json')).getFile()).text()).split('\\n')[0]
    const journal = await top.getDirectoryHandle('journal.' + generation)
    await write(journal, '999999', ${JSON.stringify(JSON.stringify({ op: 'mv', from: '/home/glenda/d', to: '/home/glenda/e' }))})
    await write(top, 'rename.json', ${JSON.stringify(JSON.stringify({ from: '/home/glenda/d', to: '/home/glenda/e', copied: false }))})
    const home = await (await (await top.getDirectoryHandle('data')).getDirectoryHandle('home')).getDirectoryHandle('glenda')
    await home.getDirectoryHandle('e', { create: true })
  })()`)
  await reload(page)
  const rows = await run(page, 'cat ~/e/f; ls -ld ~/e | cut -d" " -f1,3; ls ~/d')
  assert.deepEqual(output(rows, 3), ['inside', 'drwxr-xr-x glenda', 'ls: /home/glenda/d: file does not exist'])
  const record = await page.evaluate(async () => {
    const top = await (await navigator.storage.getDirectory()).getDirectoryHandle('ninefold')
    return top.getFileHandle('rename.json').then(() => 'still there', () => 'gone')
  })
  assert.equal(record, 'gone')
  await page.close()
})

test('saved files that cannot be read: the page says so and runs in memory', { skip }, async () => {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    // another program's database under ninefold's name: it opens, but holds none of ninefold's stores
    await page.goto(`${url}?root=memory`)
    await page.evaluate('new Promise((done) => { const r = indexedDB.open("ninefold", 1); r.onupgradeneeded = () => r.result.createObjectStore("other"); r.onsuccess = () => { r.result.close(); done() } })')
    await page.goto(`${url}?root=indexeddb`)
    const rows = await until(page, 'the prompt', (r) => prompted(r))
    assert.ok(rows.some((r) => r.startsWith('[files are not kept after this page: the saved files cannot be read (')), rows.join('\n'))
    const echoed = await run(page, 'echo still works')
    assert.deepEqual(output(echoed, 1), ['still works'])
  } finally {
    await context.close()
  }
})

test('a reload in the middle of a loop of writes leaves every closed file whole', { skip }, async () => {
  const page = await open()
  // each file is written in five pieces, and ~/shared is rewritten whole every time
  await page.keyboard.type('i=0; while :; do for j in 1 2 3 4 5; do echo "$i piece $j"; done > ~/f$i; echo "version $i" > ~/shared; i=$((i+1)); done')
  await page.keyboard.press('Enter')
  await new Promise((r) => setTimeout(r, 1500))
  await reload(page)
  const listing = await page.evaluate(async () => {
    const sys = (window as unknown as { ninefold: { system: { run(s: string): Promise<{ stdout: string }> } } }).ninefold.system
    return (await sys.run('cd /home/glenda; for f in f*; do echo "== $f"; cat $f; done; echo "== shared"; cat shared')).stdout
  })
  const files = new Map<string, string>()
  for (const part of listing.split('== ').slice(1)) files.set(part.slice(0, part.indexOf('\n')), part.slice(part.indexOf('\n') + 1))
  const numbers = [...files.keys()].filter((f) => f !== 'shared').map((f) => Number(f.slice(1))).sort((a, b) => a - b)
  assert.ok(numbers.length >= 5, `only ${numbers.length} files were written before the reload`)
  const whole = (n: number): string => [1, 2, 3, 4, 5].map((j) => `${n} piece ${j}\n`).join('')
  for (const n of numbers) {
    // the file open at the reload may be empty (its name was made; its bytes never closed)
    if (n === numbers.at(-1) && files.get(`f${n}`) === '') continue
    assert.equal(files.get(`f${n}`), whole(n), `f${n} is whole`)
  }
  assert.match(files.get('shared') ?? '', /^version \d+\n$/)
  await page.close()
})

test('a second tab of the same site runs in memory and says so; the first keeps the files', { skip }, async () => {
  const context = await browser.newContext()
  try {
    const first = await context.newPage()
    await first.goto(url)
    await until(first, 'the first prompt', (rows) => prompted(rows))
    const second = await context.newPage()
    await second.goto(url)
    const rows = await until(second, 'the second tab\'s prompt', (r) => prompted(r))
    assert.ok(rows.includes('[files are not kept after this page: another tab keeps the saved files]'), rows.join('\n'))
    await run(second, 'echo from the second tab > ~/second')
    await run(first, 'echo from the first tab > ~/first')
    await second.close()
    await reload(first)
    const kept = await run(first, 'cat ~/first; ls ~/second')
    assert.deepEqual(output(kept, 2), ['from the first tab', 'ls: /home/glenda/second: file does not exist'])
  } finally {
    await context.close()
  }
})

/**
 * What a first visit fetches before the person can type: issue 17's goal, 150 KB gzipped
 * (149,189 bytes when it was reached; xterm.js is 85 KB of it, docs/browser.md says what the rest is).
 */
const FIRST_SCREEN_BUDGET = 150_000

test('the first screen: everything fetched before the first prompt, gzipped, is within the budget', { skip }, async () => {
  const page = await browser.newPage()
  const fetched: Promise<{ path: string; bytes: number; encoding: string | undefined }>[] = []
  page.on('requestfinished', (request) => {
    fetched.push(
      (async () => {
        const response = await request.response()
        return { path: new URL(request.url()).pathname, bytes: (await request.sizes()).responseBodySize, encoding: (await response?.allHeaders())?.['content-encoding'] }
      })(),
    )
  })
  await page.goto(url)
  await until(page, 'the first prompt', (rows) => prompted(rows))
  const files = await Promise.all(fetched)
  const total = files.reduce((sum, f) => sum + f.bytes, 0)
  console.log(`first screen: ${files.length} files, ${total} bytes gzipped`)
  for (const f of files) assert.equal(f.encoding, 'gzip', `${f.path} is served gzipped`)
  assert.ok(files.some((f) => f.path === '/page.js'))
  assert.ok(!files.some((f) => f.path.endsWith('/jq.wasm')), 'jq is fetched when jq first runs')
  assert.ok(total <= FIRST_SCREEN_BUDGET, `the first screen is ${total} bytes gzipped, over ${FIRST_SCREEN_BUDGET}`)
  await page.close()
})
