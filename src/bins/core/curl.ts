/**
 * curl: transfer a URL through the system's web access: denied unless the system's allowlist
 * (boot's `allowNet`, `ninefold --allow-net`) names the URL's origin, each redirect hop included.
 * Exit codes are curl's: 3 bad URL, 7 could not connect (a denied origin too), 22 an HTTP error
 * with -f, 23 a write error, 47 too many redirects.
 */
import type { ExitCode, ProcContext } from '../../kernel/types.ts'
import { OWRITE } from '../../kernel/types.ts'
import { command, decode, encode, readAll, UsageError } from '../lib.ts'
import { lastElement } from '../util/files.ts'
import { parseHeader, parseUrl, request, saveBody, WebError, type Fetched, type WebFailure } from '../util/web.ts'

const USAGE = '[-sSfLIiO] [-o file] [-X method] [-H header]... [-d data]... [-w format] [-A agent] [-u user:password] url ...'

const LONG: Record<string, string> = {
  '--silent': 's', '--show-error': 'S', '--fail': 'f', '--location': 'L', '--head': 'I', '--include': 'i',
  '--remote-name': 'O', '--insecure': 'k', '--output': 'o', '--request': 'X', '--header': 'H', '--data': 'd',
  '--data-ascii': 'd', '--write-out': 'w', '--user-agent': 'A', '--user': 'u', '--max-redirs': 'max-redirs',
  '--data-binary': 'data-binary', '--data-raw': 'data-raw', '--url': 'url',
}
const VALUED = new Set(['o', 'X', 'H', 'd', 'w', 'A', 'u', 'max-redirs', 'data-binary', 'data-raw', 'url'])
const FLAGS = new Set(['s', 'S', 'f', 'L', 'I', 'i', 'O', 'k'])

interface Options {
  flags: Set<string>
  output?: string
  method?: string
  headers: [string, string][]
  /** -d pieces, joined with & as curl does. */
  data: string[]
  binary: boolean
  writeOut?: string
  maxRedirects: number
  urls: string[]
}

export const curl = command({
  name: 'curl',
  usage: USAGE,
  summary: 'transfer a URL (only origins the system allows)',
  help: `  -o FILE  write the body to FILE          -O  write it to the URL's last path element
  -s  silent (no error messages)           -S  show errors even with -s
  -f  fail (exit 22, no body) on an HTTP error status
  -L  follow redirects (each hop must be allowed too)   --max-redirs N
  -I  HEAD request, print the headers      -i  print the headers before the body
  -X METHOD   -H 'Name: value'   -A AGENT   -u USER:PASSWORD
  -d DATA  POST DATA (@FILE reads a file, @- standard input; repeats join with &)
  --data-binary DATA, --data-raw DATA
  -w FORMAT  print FORMAT after the transfer: %{http_code} %{url_effective} %{size_download}
             %{content_type} %{num_redirects} %{method}
Requests go through the host's fetch, and only to origins the system allows (boot's allowNet,
ninefold --allow-net ORIGIN); any other origin fails with exit code 7.`,
  async run(proc) {
    const options = parseOptions(proc.argv)
    if (options.urls.length === 0) throw new UsageError('no URL specified')
    let status: ExitCode = 0
    for (const url of options.urls) status = await transfer(proc, url, options)
    return status
  },
})

function parseOptions(argv: readonly string[]): Options {
  const o: Options = { flags: new Set(), headers: [], data: [], binary: false, maxRedirects: 50, urls: [] }
  const take = (key: string, value: string): void => {
    if (key === 'o') o.output = value
    else if (key === 'X') o.method = value
    else if (key === 'H') {
      const header = parseHeader(value)
      if (header === undefined) throw new UsageError(`bad header '${value}'`)
      o.headers.push(header)
    } else if (key === 'd' || key === 'data-binary' || key === 'data-raw') {
      o.data.push(key === 'data-raw' ? `=${value}` : value)
      if (key === 'data-binary') o.binary = true
    } else if (key === 'w') o.writeOut = value
    else if (key === 'A') o.headers.push(['User-Agent', value])
    else if (key === 'u') o.headers.push(['Authorization', `Basic ${btoa(value)}`])
    else if (key === 'max-redirs') {
      if (!/^-?\d+$/.test(value)) throw new UsageError(`expected a number for --max-redirs, got '${value}'`)
      o.maxRedirects = Number(value) < 0 ? Infinity : Number(value)
    } else o.urls.push(value)
  }
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      const key = LONG[eq < 0 ? arg : arg.slice(0, eq)]
      if (key === undefined) throw new UsageError(`option ${arg}: is unknown`)
      if (!VALUED.has(key)) o.flags.add(key)
      else {
        const value = eq < 0 ? argv[++i] : arg.slice(eq + 1)
        if (value === undefined) throw new UsageError(`option ${arg}: requires parameter`)
        take(key, value)
      }
    } else if (arg.length > 1 && arg[0] === '-') {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!
        if (FLAGS.has(letter)) o.flags.add(letter)
        else if (VALUED.has(letter)) {
          const value = j + 1 < arg.length ? arg.slice(j + 1) : argv[++i]
          if (value === undefined) throw new UsageError(`option -${letter}: requires parameter`)
          take(letter, value)
          break
        } else throw new UsageError(`option -${letter}: is unknown`)
      }
    } else o.urls.push(arg)
  }
  return o
}

async function transfer(proc: ProcContext, text: string, o: Options): Promise<ExitCode> {
  const quiet = o.flags.has('s') && !o.flags.has('S')
  const complain = async (code: ExitCode, message: string): Promise<ExitCode> => {
    if (!quiet) await proc.stderr.write(`curl: (${code}) ${message}\n`)
    return code
  }
  let fetched: Fetched
  try {
    const url = parseUrl(text)
    const body = o.data.length > 0 ? await requestBody(proc, o) : undefined
    const head = o.flags.has('I')
    const method = o.method ?? (head ? 'HEAD' : body !== undefined ? 'POST' : 'GET')
    const headers = [...o.headers]
    if (body !== undefined && !headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'application/x-www-form-urlencoded'])
    fetched = await request(proc, url, { method, headers, body, maxRedirects: o.flags.has('L') ? o.maxRedirects : 0 })
  } catch (e) {
    if (!(e instanceof WebError)) throw e
    return complain(...failureOf(e.failure))
  }
  const { response } = fetched
  if (o.flags.has('f') && response.status >= 400) {
    await response.body?.cancel()
    return complain(22, `The requested URL returned error: ${response.status}`)
  }
  let out = 1
  const path = o.output ?? (o.flags.has('O') ? remoteName(fetched.url) : undefined)
  if (path !== undefined && path !== '-') {
    try {
      out = await proc.create(path, 0o666, OWRITE)
    } catch (e) {
      await response.body?.cancel()
      return complain(23, `Failure writing output to destination: ${path}: ${(e as Error).message}`)
    }
  }
  let size = 0
  try {
    if (o.flags.has('I') || o.flags.has('i')) await proc.write(out, headerBlock(response))
    if (!o.flags.has('I')) size = await saveBody(proc, response, out)
  } finally {
    if (out !== 1) await proc.close(out).catch(() => {})
  }
  if (o.writeOut !== undefined) await proc.stdout.write(writeOut(o.writeOut, fetched, size, o.method ?? 'GET'))
  return 0
}

function failureOf(f: WebFailure): [ExitCode, string] {
  switch (f.kind) {
    case 'denied':
      return [7, `Failed to connect to ${f.origin}: access denied: the system does not allow this origin (allowNet)`]
    case 'url':
      return [f.reason.startsWith('Protocol') ? 1 : 3, f.reason.startsWith('Protocol') ? `${f.reason} or disabled in libcurl` : `URL rejected: ${f.reason}`]
    case 'connect':
      return [7, `Failed to connect to ${f.host}: ${f.reason}`]
    case 'redirects':
      return [47, `Maximum (${f.count}) redirects followed`]
  }
}

/** The body -d asks for: @FILE and @- read it (newlines dropped, as curl does, unless --data-binary). */
async function requestBody(proc: ProcContext, o: Options): Promise<Uint8Array> {
  const parts: string[] = []
  for (const piece of o.data) {
    if (piece.startsWith('=')) parts.push(piece.slice(1))
    else if (piece.startsWith('@')) {
      const name = piece.slice(1)
      const text = decode(name === '-' ? await readAll(proc, 0) : await proc.readFile(name))
      parts.push(o.binary ? text : text.replace(/[\r\n]/g, ''))
    } else parts.push(piece)
  }
  return encode(parts.join('&'))
}

function remoteName(url: string): string {
  const name = lastElement(new URL(url).pathname)
  if (name === '/' || name === '') throw new WebError({ kind: 'url', reason: 'Remote file name has no length' })
  return name
}

function headerBlock(response: Response): string {
  let text = `HTTP/1.1 ${response.status} ${response.statusText}\r\n`
  response.headers.forEach((value, name) => {
    text += `${name}: ${value}\r\n`
  })
  return `${text}\r\n`
}

function writeOut(format: string, fetched: Fetched, size: number, method: string): string {
  const vars: Record<string, string> = {
    http_code: String(fetched.response.status).padStart(3, '0'),
    response_code: String(fetched.response.status),
    url_effective: fetched.url,
    size_download: String(size),
    content_type: fetched.response.headers.get('content-type') ?? '',
    num_redirects: String(fetched.redirects),
    method,
  }
  return format
    .replace(/%\{([a-z_]+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? vars[name]! : whole))
    .replace(/\\([nrt\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', '\\': '\\' })[c]!)
}
