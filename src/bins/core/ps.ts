/**
 * ps: every process, as in Plan 9 (there is no per-terminal view): PID, USER, STATE, COMMAND.
 * The forms scripts use on Linux are read too: `ps aux` (BSD's columns), `ps -ef` (System V's
 * full format), `-o FIELD[=HEADER],...`, `-p PIDS`, `-u USERS`, `--no-headers`. ninefold keeps no
 * processor or memory accounting and has no terminals, so those columns print `-`.
 */
import type { ProcContext, ProcInfo } from '../../kernel/types.ts'
import { command, UsageError } from '../lib.ts'
import { longOptions } from '../util/longopts.ts'
import { isoTime } from '../util/timefmt.ts'
import { localZone, type Zone } from '../util/timezone.ts'

/** A column: its header, whether it is right-aligned, and its text for a process. */
interface Field {
  header: string
  right: boolean
  value: (p: ProcInfo, now: number, zone: Zone) => string
  /** At least this wide. */
  width?: number
}

const two = (n: number): string => String(n).padStart(2, '0')
const clock = (ms: number, zone: Zone): string => isoTime(Math.floor(ms / 1000), zone).slice(11, 16)

/** [[DD-]hh:]mm:ss since it started, as procps prints elapsed time. */
function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  const days = Math.floor(s / 86400)
  const hours = Math.floor((s % 86400) / 3600)
  const rest = `${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`
  return days > 0 ? `${days}-${two(hours)}:${rest}` : hours > 0 ? `${two(hours)}:${rest}` : rest
}

/** A process's state as a letter: R running, T stopped, Z ended but not yet waited for. */
const stateLetter = (p: ProcInfo): string => (p.state === 'Running' ? 'R' : p.state === 'Stopped' ? 'T' : 'Z')
const unknown = (): string => '-'
const commandName = (p: ProcInfo): string => (p.argv[0] ?? '').slice((p.argv[0] ?? '').lastIndexOf('/') + 1)
const commandLine = (p: ProcInfo): string => p.argv.join(' ')

const FIELDS: Record<string, Field> = {
  pid: { header: 'PID', right: true, value: (p) => String(p.pid) },
  ppid: { header: 'PPID', right: true, value: (p) => String(p.ppid) },
  pgid: { header: 'PGID', right: true, value: (p) => String(p.pgid) },
  user: { header: 'USER', right: false, value: (p) => p.user },
  uid: { header: 'UID', right: false, value: (p) => p.user },
  stat: { header: 'STAT', right: false, value: stateLetter },
  state: { header: 'S', right: false, value: stateLetter },
  comm: { header: 'COMMAND', right: false, value: commandName },
  args: { header: 'COMMAND', right: false, value: commandLine },
  cmd: { header: 'CMD', right: false, value: commandLine },
  command: { header: 'COMMAND', right: false, value: commandLine },
  etime: { header: 'ELAPSED', right: true, value: (p, now) => elapsed(now - p.started) },
  etimes: { header: 'ELAPSED', right: true, value: (p, now) => String(Math.floor((now - p.started) / 1000)) },
  start: { header: 'STARTED', right: true, value: (p, _now, zone) => clock(p.started, zone) },
  stime: { header: 'STIME', right: false, value: (p, _now, zone) => clock(p.started, zone) },
  tty: { header: 'TT', right: false, value: unknown },
  time: { header: 'TIME', right: true, value: unknown },
  '%cpu': { header: '%CPU', right: true, value: unknown },
  '%mem': { header: '%MEM', right: true, value: unknown },
  vsz: { header: 'VSZ', right: true, value: unknown },
  rss: { header: 'RSS', right: true, value: unknown },
  c: { header: 'C', right: true, value: unknown },
}
const ALIASES: Record<string, string> = { pcpu: '%cpu', pmem: '%mem', ucmd: 'comm', euser: 'user', euid: 'uid', s: 'state', cputime: 'time', lstart: 'start', tname: 'tty', tt: 'tty' }

/** -o's list: FIELD or FIELD=HEADER, separated by commas. */
function outputFields(list: string): Field[] {
  return list.split(',').map((word) => {
    const eq = word.indexOf('=')
    const name = (eq < 0 ? word : word.slice(0, eq)).toLowerCase()
    const key = ALIASES[name] ?? name
    const field = Object.hasOwn(FIELDS, key) ? FIELDS[key] : undefined
    if (field === undefined) throw new UsageError(`unknown user-defined format specifier "${name}"`)
    return eq < 0 ? field : { ...field, header: word.slice(eq + 1) }
  })
}

const BSD_FIELDS = ['user', 'pid', '%cpu', '%mem', 'vsz', 'rss', 'tty', 'stat', 'start', 'time', 'command']
const FULL_FIELDS = ['uid', 'pid', 'ppid', 'c', 'stime', 'tty', 'time', 'cmd']
const PLAN9_FIELDS: Field[] = [
  { header: 'PID', right: true, value: (p) => String(p.pid), width: 5 },
  { header: 'USER', right: false, value: (p) => p.user, width: 8 },
  { header: 'STATE', right: false, value: (p) => p.state, width: 8 },
  { header: 'COMMAND', right: false, value: commandLine },
]
const named = (names: string[]): Field[] => names.map((n) => FIELDS[n]!)

/** The table: columns as wide as their widest text; the last one left as it is. */
function table(fields: Field[], procs: ProcInfo[], now: number, zone: Zone, headers: boolean): string {
  const rows = procs.map((p) => fields.map((f) => f.value(p, now, zone)))
  const showHeaders = headers && fields.some((f) => f.header !== '')
  const widths = fields.map((f, i) => Math.max(f.width ?? 0, showHeaders ? f.header.length : 0, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : fields[i]!.right ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join(' ')
      .trimEnd() + '\n'
  return (showHeaders ? line(fields.map((f) => f.header)) : '') + rows.map(line).join('')
}

async function run(proc: ProcContext): Promise<number> {
  const { argv, longs } = longOptions(proc.argv, { 'no-headers': '', 'no-heading': '', format: 'o:', pid: 'p:', user: 'u:' }, 'o:p:u:')
  let fields: Field[] | undefined
  const pids = new Set<number>()
  const users = new Set<string>()
  let headers = longs['no-headers'] === undefined && longs['no-heading'] === undefined
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!
    // BSD's letters without a dash: a (everyone's), u (user-oriented columns), x (without a terminal), w (wide), h (no header)
    if (!word.startsWith('-')) {
      if (!/^[auxwh]+$/.test(word)) throw new UsageError(`unsupported option (BSD syntax) '${word}'`)
      if (word.includes('u')) fields = named(BSD_FIELDS)
      if (word.includes('h')) headers = false
      continue
    }
    for (let j = 1; j < word.length; j++) {
      const c = word[j]!
      if (c === 'e' || c === 'A' || c === 'a' || c === 'x') continue
      if (c === 'f') fields = named(FULL_FIELDS)
      else if (c === 'o' || c === 'p' || c === 'u') {
        const value = j + 1 < word.length ? word.slice(j + 1) : argv[++i]
        if (value === undefined) throw new UsageError(`option requires an argument -- '${c}'`)
        if (c === 'o') fields = [...(fields ?? []), ...outputFields(value)]
        else if (c === 'p') for (const p of value.split(/[, ]+/)) pids.add(Number(p))
        else for (const u of value.split(/[, ]+/)) users.add(u)
        break
      } else throw new UsageError(`invalid option -- '${c}'`)
    }
  }
  const now = Date.now()
  const procs = proc
    .procs()
    .filter((p) => (pids.size === 0 || pids.has(p.pid)) && (users.size === 0 || users.has(p.user)))
    .sort((a, b) => a.pid - b.pid)
  await proc.stdout.write(table(fields ?? PLAN9_FIELDS, procs, now, localZone(proc.env), headers))
  // as procps: a selection that finds nothing fails
  return procs.length === 0 ? 1 : 0
}

export const ps = command({
  name: 'ps',
  usage: '[aux] [-ef] [-o field[=header],...] [-p pid,...] [-u user,...] [--no-headers]',
  summary: 'list the processes',
  help: [
    'Lists every process, by pid: PID, USER, STATE and COMMAND (its arguments).',
    '  aux     BSD\'s columns (USER PID %CPU %MEM VSZ RSS TT STAT STARTED TIME COMMAND)',
    '  -f      System V\'s full format (UID PID PPID C STIME TTY TIME CMD); -e and -A change nothing',
    '  -o LIST fields: pid ppid pgid user stat comm args etime etimes start stime (and time, tty,',
    '          %cpu, %mem, vsz, rss: not kept here, printed as -); FIELD= drops its header',
    '  -p PIDS, -u USERS  only those processes   --no-headers  no header line',
  ].join('\n'),
  run,
})
