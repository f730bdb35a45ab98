/**
 * file: say what kind of data files hold, by their first bytes (util/magic.ts): text and its
 * encoding, empty, directory, and the common formats (ELF, PNG, JPEG, GIF, PDF, gzip, zip, tar,
 * scripts, JSON). As GNU file, a file that cannot be read is reported on standard output.
 */
import { reasonOf } from '../../kernel/errors.ts'
import type { ProcContext } from '../../kernel/types.ts'
import { command, LineWriter, parseArgs, UsageError } from '../lib.ts'
import { isDir } from '../util/files.ts'
import { identify, type Kind } from '../util/magic.ts'

/** How much of a file is looked at (file reads a megabyte too). */
const LOOK = 1 << 20

export const file = command({
  name: 'file',
  usage: '[-bi] [--mime-type] file ...',
  summary: 'determine file type',
  help: '  -b  brief: no file names    -i, --mime  MIME type and charset    --mime-type  the MIME type only',
  async run(proc) {
    const argv = proc.argv.filter((a) => a !== '--mime-type' && a !== '--mime' && a !== '--brief')
    const { flags, operands } = parseArgs(argv, 'biL', { permute: true })
    const mimeType = proc.argv.includes('--mime-type')
    const mime = flags.i === true || proc.argv.includes('--mime')
    const brief = flags.b === true || proc.argv.includes('--brief')
    if (operands.length === 0) throw new UsageError('missing file operand')
    const width = Math.max(...operands.map((n) => n.length + 1))
    const out = new LineWriter(proc)
    for (const name of operands) {
      const kind = await kindOf(proc, name)
      const text = typeof kind === 'string' ? kind : mimeType ? kind.mime.replace(/;.*/, '') : mime ? kind.mime : kind.description
      await out.write(brief ? `${text}\n` : `${`${name}:`.padEnd(width)} ${text}\n`)
    }
    await out.flush()
    return 0
  },
})

async function kindOf(proc: ProcContext, name: string): Promise<Kind | string> {
  try {
    if (name !== '-' && isDir(await proc.stat(name))) return { description: 'directory', mime: 'inode/directory; charset=binary' }
    const fd = name === '-' ? 0 : await proc.open(name)
    try {
      return identify(await head(proc, fd))
    } finally {
      if (fd !== 0) await proc.close(fd).catch(() => {})
    }
  } catch (e) {
    return `cannot open \`${name}' (${reasonOf(e)})`
  }
}

async function head(proc: ProcContext, fd: number): Promise<Uint8Array> {
  const out = new Uint8Array(LOOK)
  let size = 0
  while (size < LOOK) {
    const chunk = await proc.read(fd, LOOK - size)
    if (chunk.length === 0) break
    out.set(chunk, size)
    size += chunk.length
  }
  return out.subarray(0, size)
}
