import { chromium } from 'playwright-core'
import { gzipSync } from 'node:zlib'
import { buildWeb, serveWeb } from './src/node/web.ts'
const web = await buildWeb()
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
const s = await serveWeb(0)
const p = await b.newPage()
const urls: string[] = []
p.on('response', (r) => urls.push(new URL(r.url()).pathname))
await p.goto(s.url + (process.argv[2] ?? ''))
for (;;) { const t = await p.evaluate(() => Array.from(document.querySelectorAll('.xterm-rows > div')).map((r) => (r.textContent ?? '').trimEnd()).filter(Boolean).at(-1)); if (t === '$') break; await new Promise((r) => setTimeout(r, 50)) }
let total = 0
for (const u of urls) { const f = web.files.get(u); const gz = f ? gzipSync(f, { level: 9 }).length : 0; total += gz; console.log(u, f?.length, gz) }
console.log('total js gz', total)
await b.close(); s.server.close()
