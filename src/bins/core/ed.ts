/**
 * ed: the standard line editor (src/bins/ed/editor.ts), driven by standard input, from a
 * terminal or a script (a here-document). Errors print `?`; the status is 1 if any happened.
 */
import { command, decode, encode, lines, parseArgs } from '../lib.ts'
import { Editor } from '../ed/editor.ts'

export const ed = command({
  name: 'ed',
  usage: '[-s] [-p prompt] [file]',
  summary: 'the standard line editor',
  help: `  -s  no byte counts or diagnostics (for scripts)   -p PROMPT  prompt for commands with PROMPT
Commands: (.)a (.)i (.,.)c (.,.)d (.,.)p (.,.)n (.,.)l (.,.)s/re/rep/[gNpnl] (.,.)m(.) (.,.)t(.)
(.,.+1)j (1,$)g/re/cmds (1,$)v/re/cmds (.)kx (1,$)w [file] (1,$)W [file] q Q e [file] E [file]
($)r [file] ($)= (.+1)z[N] f [file] u h H; addresses . $ N 'x /re/ ?re? +N -N , ;`,
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'sp:', { permute: true })
    const input = lines(proc, 0)
    const editor = new Editor(
      {
        readLine: async () => (await input.next()).value ?? undefined,
        write: (text) => proc.stdout.write(text),
        complain: (text) => proc.stderr.write(`ed: ${text}`),
        readFile: async (name) => decode(await proc.readFile(name)),
        writeFile: (name, text, append) => proc.writeFile(name, encode(text), { append }),
        yield: () => proc.yield(),
      },
      flags.s === true,
      typeof flags.p === 'string' ? flags.p : undefined,
    )
    if (operands[0] !== undefined) await editor.open(operands[0])
    await editor.run()
    return editor.status
  },
})
