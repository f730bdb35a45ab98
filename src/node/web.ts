/**
 * `npm run web`: builds the web terminal (src/web/page.ts and what it imports, split so commands
 * and packages load when first used) and serves it on 127.0.0.1, gzipped. The port is printed on start;
 * `--port N` (or PORT) chooses it, 0 any free one.
 */
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { gzipAsync } from '@gfx/zopfli'
import { build, transform, type BuildOptions, type Plugin } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * Libraries that run in both worlds (jq-web's Emscripten loader) name Node's modules inside
 * branches a browser never takes: those names become an empty module.
 */
const nodeBranches: Plugin = {
  name: 'node-branches',
  setup(b) {
    b.onResolve({ filter: /^(fs|path|crypto)$/ }, (args) => ({ path: args.path, namespace: 'node-branch' }))
    b.onLoad({ filter: /.*/, namespace: 'node-branch' }, () => ({ contents: 'export default {}', loader: 'js' }))
  },
}

/**
 * Files served beside the build: jq's WebAssembly, which jq-web fetches from its script's
 * directory: the worker's (web/), or the page's where a system runs jq in the page's thread.
 */
const ASSETS: Record<string, string> = { '/web/jq.wasm': 'node_modules/jq-web/jq.wasm', '/jq.wasm': 'node_modules/jq-web/jq.wasm' }

export interface WebBuild {
  /** Output path ('/page.js', '/chunk-….js') → contents. */
  files: Map<string, Uint8Array>
  /** The page's script and the chunks it imports: what runs before the first prompt. */
  firstScreen: Set<string>
}

const PAGE = join(root, 'src/web/page.ts')
const WORKER = join(root, 'src/web/jqworker.ts')

/** esbuild's settings for the page: ES modules, code split at every dynamic import, minified. */
const OPTIONS = {
  entryPoints: { page: PAGE },
  absWorkingDir: root,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  // xterm.js's private members (`_bufferService`…) get short names: the first screen is 4.5 KB
  // smaller gzipped. Names with a second underscore are left: Emscripten's wasm imports (jq's
  // `_tzset_js`, `__syscall_openat`) are object keys the WebAssembly module looks up by name.
  mangleProps: /^_[a-zA-Z][a-zA-Z0-9]*$/,
  // licences stay in a file beside each script (a one-line pointer) instead of in what loads
  legalComments: 'linked',
  write: false,
  outdir: '/out',
  chunkNames: 'chunk-[hash]',
  logLevel: 'silent',
} satisfies BuildOptions

/**
 * esbuild puts a module every lazily loaded module can reach in a chunk of its own for each set of
 * them that reaches it, so what the first screen runs came in twenty files (that compress 4.5 KB
 * worse than one). Each of our modules loaded by `import()` also imports the page, so every set
 * reaches all the page's code: one chunk, fetched with the page. The page has no top-level await,
 * so a module loaded while the page boots does not wait for the page's boot.
 */
function joinedFirstScreen(lazy: ReadonlySet<string>): Plugin {
  return {
    name: 'joined-first-screen',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!lazy.has(args.path)) return undefined
        const source = await readFile(args.path, 'utf8')
        return { contents: `${source}\nimport ${JSON.stringify(PAGE)}\n`, loader: 'ts' }
      })
    },
  }
}

/** Our modules the page loads with `import()`, from a first build's metafile. */
async function lazyModules(): Promise<Set<string>> {
  const { metafile } = await build({ ...OPTIONS, metafile: true, plugins: [nodeBranches] })
  const lazy = new Set<string>()
  for (const input of Object.values(metafile.inputs)) {
    for (const i of input.imports) if (i.kind === 'dynamic-import' && !i.external && !i.path.includes('node_modules/')) lazy.add(join(root, i.path))
  }
  lazy.delete(PAGE)
  return lazy
}

/** Bundles the page for browsers (commands, packages, the regex engine, the storage a page does not use load when first used). */
export async function buildWeb(): Promise<WebBuild> {
  const lazy = await lazyModules()
  // Each lazy module is an entry of its own, named after its source (bins/core/cat.js): the page
  // names them all in its import()s, and a chunk's random hash costs gzip more than a path.
  const entries: Record<string, string> = { page: PAGE }
  for (const path of lazy) entries[relative(root, path).replace(/^src\//, '').replace(/\.ts$/, '')] = path
  // jq's worker, beside the module that starts it (web/workers.js)
  entries['web/jqworker'] = WORKER
  const result = await build({ ...OPTIONS, entryPoints: entries, metafile: true, plugins: [nodeBranches, joinedFirstScreen(lazy)] })
  const files = new Map<string, Uint8Array>()
  for (const f of result.outputFiles) files.set(f.path.slice('/out'.length), f.contents)
  // the metafile names outputs relative to the working directory
  const served = (key: string): string => resolve(root, key).slice('/out'.length)
  const outputs = new Map(Object.entries(result.metafile.outputs).map(([key, output]) => [served(key), output]))
  const firstScreen = new Set<string>()
  const add = (path: string): void => {
    if (firstScreen.has(path)) return
    firstScreen.add(path)
    for (const i of outputs.get(path)?.imports ?? []) if (i.kind === 'import-statement') add(served(i.path))
  }
  add('/page.js')
  return { files, firstScreen }
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.txt': 'text/plain; charset=utf-8', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.wasm': 'application/wasm' }

/**
 * What the page may do, and no more: its own scripts, with `unsafe-eval` because awk compiles
 * its programs to JavaScript with `new Function`, and `wasm-unsafe-eval` for jq's WebAssembly;
 * xterm.js styles its elements inline; 9P dials WebSockets wherever the person says.
 */
const CSP = "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; img-src 'self' blob: data:; object-src 'none'; base-uri 'none'"

/** A file as served: its bytes, and gzipped once at start for browsers that take gzip. */
interface Served {
  type: string
  body: Uint8Array
  gzipped: Uint8Array
}

/**
 * `firstScreen`: fetched before the first prompt, so gzipped by Zopfli, whose gzip streams are
 * 3–4% smaller than zlib's at level 9; it adds about 3 s to `npm run web`'s start (5 passes:
 * 230 bytes less than 1 in about the same time, more gained nothing). The rest, loaded on first
 * use, by zlib.
 */
async function served(path: string, body: Uint8Array, firstScreen = false): Promise<Served> {
  const gzipped = firstScreen ? await gzipAsync(body, { numiterations: 5 }) : gzipSync(body, { level: 9 })
  return { type: TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream', body, gzipped }
}

/** Serves a build and the page on 127.0.0.1:port; resolves once listening. */
export async function serveWeb(port: number): Promise<{ server: Server; url: string }> {
  const files = new Map<string, Served>()
  const web = await buildWeb()
  for (const [path, body] of web.files) files.set(path, await served(path, body, web.firstScreen.has(path)))
  files.set('/index.html', await served('/index.html', await readFile(join(root, 'src/web/index.html')), true))
  // xterm's stylesheet comes with comments and indentation: minified, it is 600 bytes less gzipped
  const css = (await transform(await readFile(join(root, 'node_modules/@xterm/xterm/css/xterm.css'), 'utf8'), { loader: 'css', minify: true })).code
  files.set('/xterm.css', await served('/xterm.css', new TextEncoder().encode(css), true))
  for (const [path, file] of Object.entries(ASSETS)) files.set(path, await served(path, await readFile(join(root, file))))
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    const file = files.get(path === '/' ? '/index.html' : path)
    if (file === undefined || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
      return
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
    const headers = { 'content-type': file.type, 'cache-control': 'no-cache', vary: 'accept-encoding', 'content-security-policy': CSP, ...(gzip ? { 'content-encoding': 'gzip' } : {}) }
    res.writeHead(200, headers).end(gzip ? file.gzipped : file.body)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  const address = server.address()
  const actual = typeof address === 'object' && address !== null ? address.port : port
  return { server, url: `http://127.0.0.1:${actual}/` }
}

async function main(argv: string[]): Promise<void> {
  const flag = argv.indexOf('--port')
  const port = Number(flag >= 0 ? argv[flag + 1] : (process.env.PORT ?? 8080))
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`web: bad port: ${flag >= 0 ? argv[flag + 1] : process.env.PORT}\n`)
    process.exit(2)
  }
  const { url } = await serveWeb(port)
  process.stdout.write(`ninefold web terminal: ${url}  (Ctrl-C stops it)\n`)
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv.slice(2))
