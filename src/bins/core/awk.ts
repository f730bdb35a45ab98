/**
 * awk [-F fs] [-v var=value]... [-f progfile | 'program'] [file | var=value]...
 * POSIX awk with gawk's common extensions; the language is in src/bins/awk/. Status 2 for usage
 * and syntax errors, else what `exit` says.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { runAwk } from '../awk/interpreter.ts'
import { command, decode, readAll } from '../lib.ts'
import { reasonOf } from '../../kernel/errors.ts'

const USAGE = "[-F fs] [-v var=value]... [-i inplace] [-f progfile | 'program'] [file ...]"

async function run(proc: ProcContext): Promise<number> {
  const args = proc.argv.slice(1)
  const assignments: [string, string][] = []
  const files: string[] = []
  let fs: string | undefined
  let inplace = false
  let i = 0
  const complain = async (why: string): Promise<number> => {
    await proc.stderr.write(`awk: ${why}\nusage: awk ${USAGE}\n`)
    return 2
  }
  for (; i < args.length; i++) {
    const a = args[i]!
    if (a === '--') {
      i++
      break
    }
    if (a.length < 2 || a[0] !== '-') break
    if (a === '--version') {
      await proc.stdout.write('awk (ninefold): POSIX awk with gawk\'s common extensions\n')
      return 0
    }
    const flag = a.startsWith('--include') ? 'i' : a[1]!
    if (flag !== 'F' && flag !== 'v' && flag !== 'f' && flag !== 'i') return complain(`invalid option -- '${flag}'`)
    let value: string | undefined
    if (a.startsWith('--include')) value = a.startsWith('--include=') ? a.slice('--include='.length) : args[++i]
    else value = a.length > 2 ? a.slice(2) : args[++i]
    if (value === undefined) return complain(`option requires an argument -- '${flag}'`)
    if (flag === 'i') {
      // gawk's -i loads a library; the one scripts use is inplace
      if (value !== 'inplace') return complain(`not implemented: -i ${value} (only -i inplace)`)
      inplace = true
    } else if (flag === 'F') fs = value
    else if (flag === 'f') files.push(value)
    else {
      const eq = value.indexOf('=')
      if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(value.slice(0, eq))) return complain(`invalid -v argument: ${value}`)
      assignments.push([value.slice(0, eq), value.slice(eq + 1)])
    }
  }
  let source: string
  if (files.length > 0) {
    const texts: string[] = []
    for (const f of files) {
      try {
        const fd = f === '-' || f === '/dev/stdin' ? 0 : await proc.open(f)
        texts.push(decode(await readAll(proc, fd)))
        if (fd !== 0) await proc.close(fd)
      } catch (e) {
        await proc.stderr.write(`awk: ${f}: ${reasonOf(e)}\n`)
        return 2
      }
    }
    source = texts.join('\n')
  } else {
    if (i >= args.length) return complain('no program given')
    source = args[i++]!
  }
  return runAwk(proc, { source, assignments, operands: args.slice(i), inplace, ...(fs !== undefined ? { fs } : {}) })
}

export const awk = command({
  name: 'awk',
  usage: USAGE,
  summary: 'pattern scanning and processing language',
  help: `-F fs        field separator (a character, " " for blanks, or a regex)
-v var=value assign before the program starts (repeatable)
-f progfile  read the program from a file (repeatable)
-i inplace   each file's output replaces the file (gawk's inplace)
Operands are files ("-" is standard input) or var=value assignments made when reached.
POSIX awk with gawk's gensub, asort, asorti, PROCINFO["sorted_in"], strftime, systime, mktime,
strtonum, and, or, xor, lshift, rshift, length(array), fflush, split's fourth argument,
match's third, FPAT, IGNORECASE, BEGINFILE and ENDFILE.`,
  run,
})
