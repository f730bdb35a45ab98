/**
 * find -printf's format, as GNU find reads it: `%` directives (with a `-` flag, a width and a
 * precision, as printf's %s) and backslash escapes. The format is read once into pieces; each
 * file is then the pieces' texts joined. ninefold has no symbolic links, devices or numeric ids,
 * so %l is empty and %D, %F, %U, %G and %S are unknown directives; a file's change time (%c, %C)
 * is its modification time, the only one it keeps besides access.
 */
import type { Dir } from '../../kernel/types.ts'
import { isDir, lastElement, usedKiB } from './files.ts'
import { modeString } from './modes.ts'
import { strftime } from './strftime.ts'
import type { Zone } from './timezone.ts'

/** A file find met: its path as written, the starting point it was found from, and how deep. */
export interface FoundFile {
  path: string
  root: string
  depth: number
  dir: Dir
}

/** One piece of a format: literal text, a directive, or `\c` (the file's output stops there). */
type Piece = string | ((f: FoundFile) => string) | typeof STOP
const STOP = Symbol('stop')

export class FormatError extends Error {}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' }

/** Seconds as GNU find prints them: ten digits of fraction. */
const fraction = (seconds: number): string => (seconds - Math.floor(seconds)).toFixed(10).slice(1)

/** A time's directive letter after %A, %C or %T: strftime's, or @ (seconds), with GNU's fractions on S, T and +. */
function timePart(letter: string, seconds: number, zone: Zone): string | undefined {
  const d = new Date(Math.floor(seconds) * 1000)
  switch (letter) {
    case '@':
      return Math.floor(seconds) + fraction(seconds)
    case 'S':
      return strftime('%S', d, 0, zone) + fraction(seconds)
    case 'T':
      return strftime('%H:%M:%S', d, 0, zone) + fraction(seconds)
    case '+':
      return strftime('%Y-%m-%d+%H:%M:%S', d, 0, zone) + fraction(seconds)
  }
  return /^[aAbBcCdDeFgGhHIjklmMnprRsuUVwWxXyYzZ]$/.test(letter) ? strftime('%' + letter, d, 0, zone) : undefined
}

/** ctime's form with GNU's fraction: `Thu Jan  2 03:04:05.0000000000 2020`. */
const ctime = (seconds: number, zone: Zone): string => {
  const d = new Date(Math.floor(seconds) * 1000)
  return strftime('%a %b %e %H:%M:%S', d, 0, zone) + fraction(seconds) + strftime(' %Y', d, 0, zone)
}

function parentOf(path: string): string {
  const end = path.length > 1 && path.endsWith('/') ? path.length - 1 : path.length
  const slash = path.lastIndexOf('/', end - 1)
  return slash < 0 ? '.' : slash === 0 ? '/' : path.slice(0, slash)
}

function underRoot(f: FoundFile): string {
  if (f.depth === 0) return ''
  return f.path.slice(f.root.endsWith('/') ? f.root.length : f.root.length + 1)
}

/** The directives that take no time letter. */
const DIRECTIVES: Record<string, (f: FoundFile, zone: Zone) => string> = {
  p: (f) => f.path,
  f: (f) => lastElement(f.path),
  h: (f) => parentOf(f.path),
  P: underRoot,
  H: (f) => f.root,
  d: (f) => String(f.depth),
  s: (f) => String(f.dir.length),
  k: (f) => String(usedKiB(f.dir)),
  b: (f) => String(usedKiB(f.dir) * 2),
  m: (f) => (f.dir.mode & 0o7777).toString(8),
  M: (f) => modeString(f.dir.mode),
  u: (f) => f.dir.uid,
  g: (f) => f.dir.gid,
  i: (f) => String(f.dir.qid.path),
  n: (f) => String(f.dir.nlink ?? 1),
  y: (f) => (isDir(f.dir) ? 'd' : 'f'),
  Y: (f) => (isDir(f.dir) ? 'd' : 'f'),
  l: () => '',
  t: (f, zone) => ctime(f.dir.mtime, zone),
  a: (f, zone) => ctime(f.dir.atime, zone),
  c: (f, zone) => ctime(f.dir.mtime, zone),
}

/** printf's %s width and precision on a directive's text. */
function padded(text: string, left: boolean, width: number, precision: number | undefined): string {
  const cut = precision === undefined ? text : text.slice(0, precision)
  return left ? cut.padEnd(width) : cut.padStart(width)
}

/**
 * Reads a -printf format. Unknown directives and escapes are printed as written, each with a
 * warning (as GNU's); a `%` at the end is an error.
 */
export function compileFormat(format: string, zone: Zone, warn: (text: string) => void): (f: FoundFile) => string {
  const pieces: Piece[] = []
  let literal = ''
  const flush = (): void => {
    if (literal !== '') pieces.push(literal)
    literal = ''
  }
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!
    if (c === '\\') {
      const e = format[++i]
      if (e === undefined) {
        literal += '\\'
      } else if (e === 'c') {
        flush()
        pieces.push(STOP)
      } else if (/[0-7]/.test(e)) {
        const digits = /^[0-7]{1,3}/.exec(format.slice(i))![0]
        literal += String.fromCharCode(parseInt(digits, 8) & 0xff)
        i += digits.length - 1
      } else if (ESCAPES[e] !== undefined) {
        literal += ESCAPES[e]
      } else {
        warn(`unrecognized escape \`\\${e}'`)
        literal += '\\' + e
      }
      continue
    }
    if (c !== '%') {
      literal += c
      continue
    }
    const m = /^%([-+ #0]*)(\d*)(?:\.(\d*))?([A-Za-z%@+]?)/.exec(format.slice(i))!
    const [all, flags, width, precision, letter] = m as unknown as [string, string, string, string | undefined, string]
    if (letter === '') throw new FormatError('error: % at end of format string')
    i += all.length - 1
    if (letter === '%') {
      literal += '%'
      continue
    }
    const named = DIRECTIVES[letter]
    let directive: ((f: FoundFile) => string) | undefined = named && ((f) => named(f, zone))
    if (letter === 'A' || letter === 'C' || letter === 'T') {
      const part = format[i + 1]
      const field = letter === 'A' ? 'atime' : 'mtime'
      if (part !== undefined && timePart(part, 0, zone) !== undefined) {
        i++
        directive = (f) => timePart(part, f.dir[field], zone)!
      } else directive = undefined
    }
    if (directive === undefined) {
      warn(`unrecognized format directive \`%${letter}'`)
      literal += all
      continue
    }
    flush()
    const w = Number(width || '0')
    const p = precision === undefined ? undefined : Number(precision || '0')
    const plain = directive
    pieces.push(w === 0 && p === undefined ? plain : (f) => padded(plain(f), flags.includes('-'), w, p))
  }
  flush()
  return (f) => {
    let text = ''
    for (const piece of pieces) {
      if (piece === STOP) break
      text += typeof piece === 'string' ? piece : piece(f)
    }
    return text
  }
}
