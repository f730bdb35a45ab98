/**
 * wget: fetch URLs into files through the system's web access, denied unless the system's
 * allowlist names each origin (redirect hops included). Exit codes are GNU wget's: 2 bad usage,
 * 3 a file error, 4 a network failure (a denied origin too), 8 an HTTP error status.
 */
import type { ExitCode, ProcContext } from '../../kernel/types.ts'
import { OWRITE } from '../../kernel/types.ts'
import { command, encode, UsageError } from '../lib.ts'
import { childPath, lastElement, statOrUndefined } from '../util/files.ts'
import { isoTime } from '../util/timefmt.ts'
import { localZone } from '../util/timezone.ts'
import { parseHeader, parseUrl, request, saveBody, WebError, type Fetched } from '../util/web.ts'

const USAGE = '[-qS] [-O file] [-P dir] [-U agent] [--header=H]... [--post-data=DATA] [--method=M] url ...'

interface Options {
  quiet: boolean
  serverResponse: boolean
  output?: string
  prefix?: string
  headers: [string, string][]
  postData?: string
  method?: string
  maxRedirects: number
  urls: string[]
}

export const wget = command({
  name: 'wget',
  usage: USAGE,
  summary: 'download URLs into files (only origins the system allows)',
  help: `  -O FILE  write every document to FILE (- for standard output)
  -P DIR   save files under DIR          -q  quiet          -S  print the server's headers
  -U AGENT, --header='Name: value', --post-data=DATA, --method=METHOD, --max-redirect=N
Requests go through the host's fetch, and only to origins the system allows (boot's allowNet,
ninefold --allow-net ORIGIN); any other origin fails with exit code 4.`,
  async run(proc) {
    let options: Options
    try {
      options = parseOptions(proc.argv)
      if (options.urls.length === 0) throw new UsageError('missing URL')
    } catch (e) {
      if (!(e instanceof UsageError)) throw e
      await proc.stderr.write(`wget: ${e.message}\nusage: wget ${USAGE}\n`)
      return 2
    }
    let status: ExitCode = 0
    let out: number | undefined
    try {
      if (options.output !== undefined && options.output !== '-') out = await proc.create(options.output, 0o666, OWRITE)
      for (const url of options.urls) {
        const s = await retrieve(proc, url, options, out ?? (options.output === '-' ? 1 : undefined))
        if (s !== 0) status = s
      }
    } finally {
      if (out !== undefined) await proc.close(out).catch(() => {})
    }
    return status
  },
})

function parseOptions(argv: readonly string[]): Options {
  const o: Options = { quiet: false, serverResponse: false, headers: [], maxRedirects: 20, urls: [] }
  const long: Record<string, (v: string) => void> = {
    'output-document': (v) => (o.output = v),
    'directory-prefix': (v) => (o.prefix = v),
    'user-agent': (v) => o.headers.push(['User-Agent', v]),
    header: (v) => {
      const h = parseHeader(v)
      if (h === undefined) throw new UsageError(`invalid header '${v}'`)
      o.headers.push(h)
    },
    'post-data': (v) => (o.postData = v),
    method: (v) => (o.method = v.toUpperCase()),
    'max-redirect': (v) => {
      if (!/^\d+$/.test(v)) throw new UsageError(`--max-redirect: invalid number '${v}'`)
      o.maxRedirects = Number(v)
    },
  }
  const short: Record<string, string> = { O: 'output-document', P: 'directory-prefix', U: 'user-agent' }
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--quiet' || arg === '-q') o.quiet = true
    else if (arg === '--server-response' || arg === '-S') o.serverResponse = true
    else if (arg === '--no-check-certificate') continue
    else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      const set = long[arg.slice(2, eq < 0 ? undefined : eq)]
      if (set === undefined) throw new UsageError(`unrecognized option '${arg}'`)
      const value = eq < 0 ? argv[++i] : arg.slice(eq + 1)
      if (value === undefined) throw new UsageError(`option '${arg}' requires an argument`)
      set(value)
    } else if (arg.length > 1 && arg[0] === '-') {
      const name = short[arg[1]!]
      if (name === undefined) {
        if (/^-[qS]+$/.test(arg)) {
          o.quiet ||= arg.includes('q')
          o.serverResponse ||= arg.includes('S')
          continue
        }
        throw new UsageError(`invalid option -- '${arg[1]}'`)
      }
      const value = arg.length > 2 ? arg.slice(2) : argv[++i]
      if (value === undefined) throw new UsageError(`option requires an argument -- '${arg[1]}'`)
      long[name]!(value)
    } else o.urls.push(arg)
  }
  return o
}

const now = (proc: ProcContext): string => isoTime(Math.floor(Date.now() / 1000), localZone(proc.env))

async function retrieve(proc: ProcContext, text: string, o: Options, out: number | undefined): Promise<ExitCode> {
  const say = (line: string): Promise<void> => (o.quiet ? Promise.resolve() : proc.stderr.write(line))
  let fetched: Fetched
  try {
    const url = parseUrl(text)
    await say(`--${now(proc)}--  ${url.href}\n`)
    const body = o.postData === undefined ? undefined : encode(o.postData)
    const headers = [...o.headers]
    if (body !== undefined && !headers.some(([n]) => n.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'application/x-www-form-urlencoded'])
    fetched = await request(proc, url, { method: o.method ?? (body ? 'POST' : 'GET'), headers, body, maxRedirects: o.maxRedirects })
  } catch (e) {
    if (!(e instanceof WebError)) throw e
    const f = e.failure
    if (f.kind === 'url') {
      await proc.stderr.write(`wget: ${text}: ${f.reason}.\n`)
      return 1
    }
    if (f.kind === 'redirects') {
      await proc.stderr.write(`${f.count} redirections exceeded.\n`)
      return 8
    }
    const why = f.kind === 'denied' ? `access to ${f.origin} denied: the system does not allow this origin (allowNet)` : `unable to connect to ${f.host}: ${f.reason}`
    await proc.stderr.write(`wget: ${why}\n`)
    return 4
  }
  const { response } = fetched
  await say(`HTTP request sent, awaiting response... ${response.status} ${response.statusText}\n`)
  if (o.serverResponse) {
    let text = `  HTTP/1.1 ${response.status} ${response.statusText}\n`
    response.headers.forEach((v, n) => (text += `  ${n}: ${v}\n`))
    await proc.stderr.write(text)
  }
  if (response.status >= 400) {
    await response.body?.cancel()
    await say(`${now(proc)} ERROR ${response.status}: ${response.statusText}.\n\n`)
    return 8
  }
  const length = response.headers.get('content-length')
  await say(`Length: ${length ?? 'unspecified'}${response.headers.get('content-type') ? ` [${response.headers.get('content-type')}]` : ''}\n`)
  let fd = out
  let name = '-'
  try {
    if (fd === undefined) {
      name = await freeName(proc, o.prefix, fetched.url)
      fd = await proc.create(name, 0o666, OWRITE)
    }
  } catch (e) {
    await response.body?.cancel()
    await proc.stderr.write(`wget: ${name}: ${(e as Error).message}\n`)
    return 3
  }
  await say(`Saving to: ‘${out === undefined ? name : (o.output ?? '-')}’\n\n`)
  try {
    const size = await saveBody(proc, response, fd)
    await say(`${now(proc)} (‘${out === undefined ? name : (o.output ?? '-')}’) saved [${size}${length ? `/${length}` : ''}]\n\n`)
  } finally {
    if (out === undefined) await proc.close(fd).catch(() => {})
  }
  return 0
}

/** The URL's last path element (index.html for none), with .1, .2… added while the name is taken, as wget does. */
async function freeName(proc: ProcContext, prefix: string | undefined, url: string): Promise<string> {
  const element = lastElement(decodeURIComponent(new URL(url).pathname))
  const base = element === '/' || element === '' ? 'index.html' : element
  const path = prefix === undefined ? base : childPath(prefix, base)
  let name = path
  for (let n = 1; (await statOrUndefined(proc, name)) !== undefined; n++) name = `${path}.${n}`
  return name
}

