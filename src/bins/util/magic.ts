/**
 * What file(1) says a file's first bytes are: the magic numbers of the common formats, scripts
 * by their #! line, JSON, and text by its encoding and line ends, in the words of file 5.x.
 * Each answer has a description and a MIME type.
 */

export interface Kind {
  description: string
  /** `type; charset=...` as file -i prints it. */
  mime: string
}

const u16be = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!
const u16le = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8)
const u32be = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0
const u32le = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0
const ascii = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, to))
const starts = (b: Uint8Array, magic: readonly number[]): boolean => b.length >= magic.length && magic.every((v, i) => b[i] === v)

const binary = (description: string, type: string): Kind => ({ description, mime: `${type}; charset=binary` })

export function identify(b: Uint8Array): Kind {
  if (b.length === 0) return binary('empty', 'inode/x-empty')
  return magic(b) ?? textKind(b)
}

function magic(b: Uint8Array): Kind | undefined {
  if (starts(b, [0x7f, 0x45, 0x4c, 0x46])) return elf(b)
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return png(b)
  if (starts(b, [0xff, 0xd8, 0xff])) return binary(`JPEG image data${jpeg(b)}`, 'image/jpeg')
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') {
    return binary(`GIF image data, version ${ascii(b, 3, 6)}${b.length >= 10 ? `, ${u16le(b, 6)} x ${u16le(b, 8)}` : ''}`, 'image/gif')
  }
  if (ascii(b, 0, 5) === '%PDF-') {
    const version = /^%PDF-(\d+\.\d+)/.exec(ascii(b, 0, 16))
    return { description: `PDF document${version ? `, version ${version[1]}` : ''}`, mime: `application/pdf; charset=${charsetOf(b)}` }
  }
  if (starts(b, [0x1f, 0x8b])) return binary(gzip(b), 'application/gzip')
  if (starts(b, [0x50, 0x4b, 0x03, 0x04]) && b.length >= 10) {
    const needed = u16le(b, 4)
    const method = u16le(b, 8)
    const methodName = method === 0 ? 'store' : method === 8 ? 'deflate' : String(method)
    return binary(`Zip archive data, at least v${Math.floor(needed / 10)}.${needed % 10} to extract, compression method=${methodName}`, 'application/zip')
  }
  if (starts(b, [0x50, 0x4b, 0x05, 0x06])) return binary('Zip archive data (empty)', 'application/zip')
  if (b.length >= 263 && ascii(b, 257, 265) === 'ustar  \0') return binary('POSIX tar archive (GNU)', 'application/x-tar')
  if (b.length >= 263 && ascii(b, 257, 263) === 'ustar\0') return binary('POSIX tar archive', 'application/x-tar')
  return undefined
}

const ELF_TYPES = ['no file type', 'relocatable', 'executable', 'shared object', 'core file']
const MACHINES: Record<number, string> = { 3: 'Intel 80386', 8: 'MIPS', 20: 'PowerPC', 21: '64-bit PowerPC', 40: 'ARM', 62: 'x86-64', 183: 'ARM aarch64', 243: 'UCB RISC-V', 247: 'eBPF' }

function elf(b: Uint8Array): Kind {
  const bits = b[4] === 2 ? 64 : 32
  const little = b[5] !== 2
  const parts = [`ELF ${bits}-bit ${little ? 'LSB' : 'MSB'}`]
  if (b.length >= 20) {
    const type = little ? u16le(b, 16) : u16be(b, 16)
    const machine = little ? u16le(b, 18) : u16be(b, 18)
    parts[0] += ` ${ELF_TYPES[type] ?? 'unknown type'}`
    parts.push(MACHINES[machine] ?? `unknown arch 0x${machine.toString(16)}`)
    const version = b.length >= 24 ? (little ? u32le(b, 20) : u32be(b, 20)) : 0
    parts.push(`${version === 1 ? 'version 1 ' : ''}(${b[7] === 0 ? 'SYSV' : b[7] === 3 ? 'GNU/Linux' : `ABI ${b[7]}`})`)
    const mime = type === 3 ? 'application/x-sharedlib' : type === 1 ? 'application/x-object' : type === 4 ? 'application/x-coredump' : 'application/x-executable'
    return binary(parts.join(', '), mime)
  }
  return binary(parts[0]!, 'application/x-executable')
}

const PNG_COLORS: Record<number, string> = { 0: 'grayscale', 2: 'RGB', 3: 'colormap', 4: 'gray+alpha', 6: 'RGBA' }

function png(b: Uint8Array): Kind {
  if (b.length < 29 || ascii(b, 12, 16) !== 'IHDR') return binary('PNG image data', 'image/png')
  const color = PNG_COLORS[b[25]!] ?? 'unknown color type'
  return binary(`PNG image data, ${u32be(b, 16)} x ${u32be(b, 20)}, ${b[24]}-bit${b[25] === 2 || b[25] === 6 ? '/color ' : ' '}${color}, ${b[28] ? 'interlaced' : 'non-interlaced'}`, 'image/png')
}

/** JFIF's version and density, then the frame's size, as file prints them. */
function jpeg(b: Uint8Array): string {
  let text = ''
  if (b.length >= 20 && b[3] === 0xe0 && ascii(b, 6, 11) === 'JFIF\0') {
    const units = ['aspect ratio', 'resolution (DPI)', 'resolution (DPCM)'][b[13]!] ?? 'unknown units'
    text += `, JFIF standard ${b[11]}.${String(b[12]).padStart(2, '0')}, ${units}, density ${u16be(b, 14)}x${u16be(b, 16)}, segment length ${u16be(b, 4)}`
  }
  // walk the segments to the first frame header
  for (let at = 2; at + 9 < b.length && b[at] === 0xff; ) {
    const marker = b[at + 1]!
    if (marker >= 0xc0 && marker <= 0xc2) {
      const mode = marker === 0xc0 ? 'baseline' : marker === 0xc1 ? 'extended sequential' : 'progressive'
      return `${text}, ${mode}, precision ${b[at + 4]}, ${u16be(b, at + 7)}x${u16be(b, at + 5)}, components ${b[at + 9]}`
    }
    at += 2 + u16be(b, at + 2)
  }
  return text
}

const GZIP_OS: Record<number, string> = { 0: 'FAT filesystem (MS-DOS, OS/2, NT)', 3: 'Unix', 7: 'Macintosh', 11: 'NTFS filesystem (NT)' }

function gzip(b: Uint8Array): string {
  const parts = ['gzip compressed data']
  if (b.length < 10) return parts[0]!
  const flags = b[3]!
  if (flags & 8) {
    let end = 10 + (flags & 4 ? 2 + u16le(b, 10) : 0)
    const start = end
    while (end < b.length && b[end] !== 0) end++
    parts.push(`was "${ascii(b, start, end)}"`)
  }
  const mtime = u32le(b, 4)
  if (mtime !== 0) parts.push(`last modified: ${new Date(mtime * 1000).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5 $4')}`)
  if (b[8] === 2) parts.push('max compression')
  else if (b[8] === 4) parts.push('max speed')
  parts.push(`from ${GZIP_OS[b[9]!] ?? 'unknown'}`)
  if (b.length >= 18) parts.push(`original size modulo 2^32 ${u32le(b, b.length - 4)}`)
  return parts.join(', ')
}

type Encoding = 'ascii' | 'utf-8' | 'iso-8859' | 'extended' | 'binary'

function encodingOf(b: Uint8Array): Encoding {
  let high = false
  let c1 = false
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!
    if (c < 0x80) {
      if (c < 0x20 && !(c >= 7 && c <= 13) && c !== 0x1b) return 'binary'
      if (c === 0x7f) return 'binary'
      continue
    }
    high = true
    if (c < 0xa0) c1 = true
  }
  if (!high) return 'ascii'
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b)
    return 'utf-8'
  } catch {
    return c1 ? 'extended' : 'iso-8859'
  }
}

const TEXT_NAMES: Record<Exclude<Encoding, 'binary'>, [string, string]> = {
  ascii: ['ASCII text', 'us-ascii'],
  'utf-8': ['Unicode text, UTF-8 text', 'utf-8'],
  'iso-8859': ['ISO-8859 text', 'iso-8859-1'],
  extended: ['Non-ISO extended-ASCII text', 'unknown-8bit'],
}

function charsetOf(b: Uint8Array): string {
  const enc = encodingOf(b)
  return enc === 'binary' ? 'binary' : TEXT_NAMES[enc][1]
}

/** Scripts by their interpreter: [description, MIME type, whether file says "script executable, TEXT"]. */
const INTERPRETERS: [RegExp, string, string][] = [
  [/^sh$|^dash$/, 'POSIX shell script', 'text/x-shellscript'],
  [/^bash$/, 'Bourne-Again shell script', 'text/x-shellscript'],
  [/^zsh$/, "Paul Falstad's zsh script", 'text/x-shellscript'],
  [/^python[\d.]*$/, 'Python script', 'text/x-script.python'],
  [/^perl$/, 'Perl script text', 'text/x-perl'],
  [/^awk$|^gawk$|^mawk$/, 'awk script', 'text/x-awk'],
  [/^node(js)?$/, 'Node.js script', 'application/javascript'],
]

function textKind(b: Uint8Array): Kind {
  const enc = encodingOf(b)
  if (enc === 'binary') return binary('data', 'application/octet-stream')
  const [name, charset] = TEXT_NAMES[enc]
  const text = name + lineNotes(b)
  if (b[0] === 0x23 && b[1] === 0x21) {
    const line = ascii(b, 2, Math.min(b.length, 256)).split('\n')[0]!.trim().split(/\s+/)
    const program = line[0]?.endsWith('/env') ? line[1] : line[0]
    const base = program?.slice(program.lastIndexOf('/') + 1) ?? ''
    const known = INTERPRETERS.find(([re]) => re.test(base))
    if (known === undefined) return { description: `a ${line.join(' ')} script, ${text} executable`, mime: `text/plain; charset=${charset}` }
    const [, what, mime] = known
    if (what === 'Node.js script') return { description: `${what} executable, ${text}`, mime: `${mime}; charset=${charset}` }
    if (what.endsWith(' text')) return { description: `${what} executable`, mime: `${mime}; charset=${charset}` }
    return { description: `${what}, ${text} executable`, mime: `${mime}; charset=${charset}` }
  }
  if ((b[0] === 0x7b || b[0] === 0x5b) && isJson(b)) return { description: 'JSON text data', mime: `application/json; charset=${charset}` }
  return { description: text, mime: `text/plain; charset=${charset}` }
}

function isJson(b: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder().decode(b))
    return true
  } catch {
    return false
  }
}

/** ", with very long lines (N)", the line terminators, escapes: what file adds after the encoding. */
function lineNotes(b: Uint8Array): string {
  let crlf = 0
  let lf = 0
  let cr = 0
  let longest = 0
  let line = 0
  let escapes = false
  let overstrike = false
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!
    if (c === 0x0a) {
      lf++
      longest = Math.max(longest, line)
      line = 0
    } else if (c === 0x0d) {
      if (b[i + 1] === 0x0a) {
        crlf++
        i++
      } else cr++
      longest = Math.max(longest, line)
      line = 0
    } else {
      if (c === 0x1b) escapes = true
      if (c === 0x08) overstrike = true
      line++
    }
  }
  longest = Math.max(longest, line)
  const notes: string[] = []
  if (longest > 300) notes.push(`with very long lines (${longest})`)
  const ends = [crlf ? 'CRLF' : '', cr ? 'CR' : '', lf ? 'LF' : ''].filter(Boolean)
  if (ends.length === 0) notes.push('with no line terminators')
  else if (ends.length > 1 || ends[0] !== 'LF') notes.push(`with ${ends.join(', ')} line terminators`)
  if (escapes) notes.push('with escape sequences')
  if (overstrike) notes.push('with overstriking')
  return notes.map((n) => `, ${n}`).join('')
}
