/** tee [-a] [file ...]: copies stdin to stdout and to every file, chunk by chunk. */
import { isNineError } from '../../kernel/errors.ts'
import { OAPPEND, OWRITE, type ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs } from '../lib.ts'

/** Opens a file for appending, creating it if it does not exist. */
async function openAppend(proc: ProcContext, path: string): Promise<number> {
  try {
    return await proc.open(path, OWRITE | OAPPEND)
  } catch (e) {
    if (!isNineError(e, 'ENOENT')) throw e
    return proc.create(path, 0o666, OWRITE | OAPPEND)
  }
}

export const tee = command({
  name: 'tee',
  long: { append: 'a', 'ignore-interrupts': 'i' },
  usage: '[-ai] [file ...]',
  summary: 'copy standard input to standard output and files',
  help: '-a  append to the files instead of overwriting them\n-i  ignore interrupts (SIGINT)',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'ai', { permute: true })
    if (flags['i']) proc.on('SIGINT', () => {})
    let status = 0
    const outputs: { fd: number; name: string }[] = []
    for (const name of operands) {
      try {
        outputs.push({ fd: flags['a'] ? await openAppend(proc, name) : await proc.create(name, 0o666, OWRITE), name })
      } catch (e) {
        await fail(proc, 'tee', name, e)
        status = 1
      }
    }
    for (;;) {
      const chunk = await proc.read(0, 65536)
      if (chunk.length === 0) break
      await proc.write(1, chunk)
      for (let k = 0; k < outputs.length; k++) {
        const o = outputs[k]!
        try {
          await proc.write(o.fd, chunk)
        } catch (e) {
          await fail(proc, 'tee', o.name, e)
          status = 1
          outputs.splice(k--, 1)
          await proc.close(o.fd).catch(() => {})
        }
      }
    }
    for (const o of outputs) await proc.close(o.fd)
    return status
  },
})
