/**
 * bc: the arbitrary precision calculator language (POSIX bc with GNU's common extensions:
 * print, read, comments with #, relational and boolean operators anywhere). Numbers are BigInt
 * decimals (src/bins/bc/). -l loads the math library (s c a l e j) and sets scale to 20.
 * Files are read, then standard input, a statement at a time: each runs (and its output is
 * written) as soon as the lines that complete it have come, so bc answers a pipe line by line
 * (`coproc bc`, an interactive session). `quit` ends it where it is read.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { Interpreter, Halt } from '../bc/interp.ts'
import { BcError } from '../bc/number.ts'
import { BcSyntaxError, Parser, Quit, tokenize } from '../bc/parser.ts'
import { command, decode, LineWriter, lines, parseArgs } from '../lib.ts'

export const bc = command({
  name: 'bc',
  usage: '[-lqs] [file ...]',
  summary: 'an arbitrary precision calculator language',
  help: '  -l  load the math library: s(x) c(x) a(x) l(x) e(x) j(n,x); scale=20\n  -q  no banner (there is none)   -s  POSIX only (accepted)',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'lqsw', { permute: true })
    const out = new LineWriter(proc)
    const input = lines(proc, 0)
    const bcInterp = new Interpreter(
      {
        write: (text) => out.write(text),
        yield: async () => {
          await out.flush()
          await proc.yield()
        },
        readLine: async () => (await input.next()).value ?? undefined,
      },
      flags.l === true,
    )
    if (flags.l) bcInterp.scale = 20
    try {
      for (const name of operands) {
        let text: string
        try {
          text = decode(await proc.readFile(name))
        } catch (e) {
          await out.flush()
          await proc.stderr.write(`bc: ${name}: ${(e as Error).message.replace(/^.*: /, '')}\n`)
          return 1
        }
        if (!(await runText(proc, bcInterp, text, name, out))) return 0
      }
      await runInput(proc, bcInterp, input, out)
    } finally {
      await out.flush()
    }
    return 0
  },
})

/** Whether `text` ends inside a statement, which the next lines may complete. */
function unfinished(text: string): boolean {
  try {
    const parser = new Parser(tokenize(text))
    while (parser.item() !== undefined);
    return false
  } catch (e) {
    return e instanceof BcSyntaxError && e.atEnd
  }
}

/** Standard input's statements, each run once the lines that complete it have come; its output then written. */
async function runInput(proc: ProcContext, bcInterp: Interpreter, input: AsyncGenerator<string>, out: LineWriter): Promise<void> {
  let pending = ''
  let firstLine = 1
  let line = 0
  for (;;) {
    const next = await input.next()
    if (next.done) {
      // what is left cannot be finished: its syntax error is reported
      if (pending !== '') await runText(proc, bcInterp, pending, '(standard_in)', out, firstLine)
      return
    }
    line++
    pending += next.value + '\n'
    if (unfinished(pending)) continue
    const going = await runText(proc, bcInterp, pending, '(standard_in)', out, firstLine)
    await out.flush()
    if (!going) return
    pending = ''
    firstLine = line + 1
  }
}

/** Runs a text's statements one by one; false once bc is to stop (quit, halt). */
async function runText(proc: ProcContext, bcInterp: Interpreter, text: string, name: string, out: LineWriter, firstLine = 1): Promise<boolean> {
  const complain = async (message: string): Promise<void> => {
    await out.flush()
    await proc.stderr.write(message)
  }
  let parser: Parser
  try {
    parser = new Parser(tokenize(text, firstLine))
  } catch (e) {
    if (!(e instanceof BcSyntaxError)) throw e
    await complain(`${name} ${e.line}: syntax error\n`)
    return true
  }
  for (;;) {
    let item
    try {
      item = parser.item()
    } catch (e) {
      if (e instanceof Quit) return false
      if (!(e instanceof BcSyntaxError)) throw e
      await complain(`${name} ${e.line}: syntax error\n`)
      parser.recover()
      continue
    }
    if (item === undefined) return true
    if ('params' in item) {
      bcInterp.define(item)
      continue
    }
    try {
      await bcInterp.run(item)
    } catch (e) {
      if (e instanceof Halt) return false
      if (!(e instanceof BcError)) throw e
      await complain(`Runtime error: ${e.message}\n`)
    }
  }
}
