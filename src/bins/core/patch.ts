/**
 * patch: apply unified or context diffs (util/unidiff.ts reads them, util/hunks.ts places the hunks) as GNU
 * patch does, answering its questions as a run without a terminal does: a reversed patch is
 * skipped unless -R, -t (assume reversed) or -f (apply anyway). Hunks that cannot be placed go
 * to FILE.rej. Exit 0 when all applied, 1 when some failed, 2 on trouble.
 */
import type { ExitCode, ProcContext } from '../../kernel/types.ts'
import { OWRITE } from '../../kernel/types.ts'
import { command, LineWriter, readAll, usage } from '../lib.ts'
import { byteStringToBytes, bytesToByteString } from '../util/bytestring.ts'
import { makeDirs, statOrUndefined } from '../util/files.ts'
import { applyHunks, looksReversed } from '../util/hunks.ts'
import { parsePatch, PatchSyntaxError, reversed, splitKeep, type FilePatch } from '../util/unidiff.ts'

const USAGE = '[-RNtfsEb] [-p num] [-i patchfile] [-o outfile] [-r rejectfile] [-d dir] [-F fuzz] [--dry-run] [originalfile [patchfile]]'

interface Options {
  strip?: number
  reverse: boolean
  forward: boolean
  batch: boolean
  force: boolean
  silent: boolean
  dryRun: boolean
  removeEmpty: boolean
  backup: boolean
  /** --no-backup-if-mismatch: no NAME.orig for a patch that did not match exactly (GNU makes one unless POSIXLY_CORRECT). */
  noMismatchBackup: boolean
  fuzz: number
  input?: string
  output?: string
  rejects?: string
  directory?: string
  operands: string[]
}

const LONG_FLAGS: Record<string, keyof Options> = {
  '--reverse': 'reverse', '--forward': 'forward', '--batch': 'batch', '--force': 'force', '--silent': 'silent',
  '--quiet': 'silent', '--dry-run': 'dryRun', '--remove-empty-files': 'removeEmpty', '--backup': 'backup',
  '--no-backup-if-mismatch': 'noMismatchBackup',
}
const SHORT_FLAGS: Record<string, keyof Options> = { R: 'reverse', N: 'forward', t: 'batch', f: 'force', s: 'silent', E: 'removeEmpty', b: 'backup' }
const VALUED: Record<string, string> = { p: 'strip', i: 'input', o: 'output', r: 'rejects', d: 'directory', F: 'fuzz', '--strip': 'strip', '--input': 'input', '--output': 'output', '--reject-file': 'rejects', '--directory': 'directory', '--fuzz': 'fuzz' }

class BadUsage extends Error {}

export const patch = command({
  name: 'patch',
  usage: USAGE,
  summary: 'apply a unified or context diff to files',
  help: `  -p N  strip N leading directories from the names in the patch (default: keep only the last)
  -i FILE  read the patch from FILE (default: the second operand, or standard input)
  -R  reverse the patch      -N  skip patches that look already applied
  -t  assume a reversed patch means -R       -f  apply a reversed-looking patch anyway
  -o FILE  write the result to FILE          -r FILE  write rejected hunks to FILE (default: NAME.rej)
  -F N  fuzz: ignore up to N outer context lines to place a hunk (default 2)
  -d DIR  change to DIR first   -b  keep NAME.orig   -E  remove files left empty   -s  silent
  --dry-run  say what would happen, change nothing
  NAME.orig is kept too where the patch did not match exactly (offset, fuzz, a failed hunk),
  unless --no-backup-if-mismatch or POSIXLY_CORRECT is set`,
  async run(proc) {
    let o: Options
    try {
      o = parseOptions(proc.argv)
    } catch (e) {
      if (!(e instanceof BadUsage)) throw e
      await usage(proc, 'patch', USAGE, e.message)
      return 2
    }
    if (o.directory !== undefined) await proc.chdir(o.directory)
    const input = o.input ?? o.operands[1]
    let text: string
    try {
      text = bytesToByteString(input === undefined || input === '-' ? await readAll(proc, 0) : await proc.readFile(input))
    } catch (e) {
      await proc.stderr.write(`patch: **** Can't open patch file ${input} : ${(e as Error).message}\n`)
      return 2
    }
    let files: FilePatch[]
    try {
      files = parsePatch(text)
    } catch (e) {
      if (!(e instanceof PatchSyntaxError)) throw e
      await proc.stderr.write(`patch: **** ${e.message}\n`)
      return 2
    }
    if (files.length === 0 && text !== '') {
      await proc.stderr.write('patch: **** Only garbage was found in the patch input.\n')
      return 2
    }
    const out = new LineWriter(proc)
    let status: ExitCode = 0
    try {
      for (const file of files) status = Math.max(status, await patchFile(proc, file, o, out)) as ExitCode
    } finally {
      await out.flush()
    }
    return status
  },
})

function parseOptions(argv: readonly string[]): Options {
  const o: Options = { reverse: false, forward: false, batch: false, force: false, silent: false, dryRun: false, removeEmpty: false, backup: false, noMismatchBackup: false, fuzz: 2, operands: [] }
  const set = (key: string, value: string): void => {
    if (key === 'strip' || key === 'fuzz') {
      if (!/^\d+$/.test(value)) throw new BadUsage(`${key} count ${value} is not a number`)
      if (key === 'strip') o.strip = Number(value)
      else o.fuzz = Number(value)
    } else (o as unknown as Record<string, string>)[key] = value
  }
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') {
      o.operands.push(...argv.slice(i + 1))
      break
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      const name = eq < 0 ? arg : arg.slice(0, eq)
      if (LONG_FLAGS[name] !== undefined) (o as unknown as Record<string, boolean>)[LONG_FLAGS[name]] = true
      else if (VALUED[name] !== undefined) {
        const value = eq < 0 ? argv[++i] : arg.slice(eq + 1)
        if (value === undefined) throw new BadUsage(`option '${name}' requires an argument`)
        set(VALUED[name], value)
      } else if (name !== '--unified' && name !== '--context' && name !== '--backup-if-mismatch') throw new BadUsage(`unrecognized option '${arg}'`)
    } else if (arg.length > 1 && arg[0] === '-') {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!
        if (SHORT_FLAGS[letter] !== undefined) (o as unknown as Record<string, boolean>)[SHORT_FLAGS[letter]] = true
        else if (VALUED[letter] !== undefined) {
          const value = j + 1 < arg.length ? arg.slice(j + 1) : argv[++i]
          if (value === undefined) throw new BadUsage(`option requires an argument -- '${letter}'`)
          set(VALUED[letter], value)
          break
          // -u and -c name the diff's format, which the diff itself shows
        } else if (letter !== 'u' && letter !== 'c') throw new BadUsage(`invalid option -- '${letter}'`)
      }
    } else o.operands.push(arg)
  }
  return o
}

/** A name from the patch with `strip` leading directories taken off (all of them without -p). */
function stripped(name: string, strip: number | undefined): string | undefined {
  const parts = name.split(/\/+/)
  if (strip === undefined) return parts[parts.length - 1] || undefined
  if (strip >= parts.length) return undefined
  return parts.slice(strip).join('/') || undefined
}

/** GNU's best name among those that exist: fewest directories, then shortest last element, then shortest. */
async function target(proc: ProcContext, file: FilePatch, o: Options, creating: boolean): Promise<string | undefined> {
  if (o.operands[0] !== undefined) return o.operands[0]
  const names = [file.oldName, file.newName].filter((n) => n !== '/dev/null').map((n) => stripped(n, o.strip)).filter((n) => n !== undefined)
  const existing: string[] = []
  for (const n of names) if ((await statOrUndefined(proc, n)) !== undefined) existing.push(n)
  const score = (n: string): [number, number, number] => [n.split('/').length, n.slice(n.lastIndexOf('/') + 1).length, n.length]
  existing.sort((a, b) => {
    const [x, y] = [score(a), score(b)]
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]
  })
  if (existing[0] !== undefined) return existing[0]
  return creating ? names[names.length - 1] : undefined
}

const hunksWord = (n: number): string => (n === 1 ? 'hunk' : 'hunks')

async function patchFile(proc: ProcContext, file: FilePatch, o: Options, out: LineWriter): Promise<ExitCode> {
  const say = (line: string): Promise<void> => (o.silent ? Promise.resolve() : out.write(line))
  let hunks = o.reverse ? file.hunks.map(reversed) : file.hunks
  const [oldSide, newSide] = o.reverse ? [file.newName, file.oldName] : [file.oldName, file.newName]
  const creating = oldSide === '/dev/null' || (hunks.length === 1 && hunks[0]!.oldStart === 0 && hunks[0]!.oldCount === 0)
  const name = await target(proc, file, o, creating)
  const total = hunks.length
  if (name === undefined) {
    await out.write(`can't find file to patch at input line ${file.line + 2}\nPerhaps you ${o.strip === undefined ? 'should have used the' : 'used the wrong'} -p or --strip option?\nThe text leading up to this was:\n--------------------------\n${(file.leading + file.header).replace(/^/gm, '|').replace(/\|$/, '')}--------------------------\nFile to patch: \nSkip this patch? [y] \nSkipping patch.\n${total} out of ${total} ${hunksWord(total)} ignored\n`)
    return 1
  }
  const existing = await statOrUndefined(proc, name)
  const original = existing === undefined ? '' : bytesToByteString(await proc.readFile(name))
  const lines = splitKeep(original)
  await say(o.dryRun ? `checking file ${name}\n` : o.output !== undefined ? `patching file ${o.output} (read from ${name})\n` : `patching file ${name}\n`)
  const rejectName = o.rejects ?? `${o.output ?? name}.rej`
  if (!creating && looksReversed(lines, hunks, o.fuzz)) {
    if (o.batch) {
      await say(`${o.reverse ? 'Unreversed' : 'Reversed (or previously applied)'} patch detected!  ${o.reverse ? 'Ignoring -R.' : 'Assuming -R.'}\n`)
      hunks = hunks.map(reversed)
    } else if (!o.force) {
      const question = o.reverse ? 'Unreversed patch detected!  Ignore -R? [n] \nApply anyway? [n] \nSkipping patch.' : o.forward ? 'Reversed (or previously applied) patch detected!  Skipping patch.' : 'Reversed (or previously applied) patch detected!  Assume -R? [n] \nApply anyway? [n] \nSkipping patch.'
      await out.write(`${question}\n${total} out of ${total} ${hunksWord(total)} ignored${o.dryRun ? '' : ` -- saving rejects to file ${rejectName}`}\n`)
      if (!o.dryRun) await writeRejects(proc, rejectName, file, file.hunks)
      return 1
    }
  }
  const results = applyHunks(lines, hunks, o.fuzz)
  for (const r of results) {
    if (r.at === undefined) await say(`Hunk #${r.number} FAILED at ${r.hunk.oldStart}.\n`)
    else if (r.offset !== 0 || r.fuzz !== 0) {
      const offset = r.offset === 0 ? '' : ` (offset ${r.offset} line${Math.abs(r.offset!) === 1 ? '' : 's'})`
      await say(`Hunk #${r.number} succeeded at ${r.at}${r.fuzz ? ` with fuzz ${r.fuzz}` : ''}${offset}.\n`)
    }
  }
  const failed = results.filter((r) => r.at === undefined)
  if (!o.dryRun) {
    const result = lines.join('')
    const removing = (newSide === '/dev/null' || o.removeEmpty) && result === '' && o.output === undefined
    // GNU keeps the old text where the patch did not match exactly (an offset, fuzz or a failed hunk)
    const mismatched = results.some((r) => r.at === undefined || r.offset !== 0 || r.fuzz !== 0) && !o.noMismatchBackup && proc.env.POSIXLY_CORRECT === undefined
    if ((o.backup || mismatched) && existing !== undefined) await proc.writeFile(`${name}.orig`, byteStringToBytes(original))
    if (removing) await proc.remove(name)
    else await writeFile(proc, o.output ?? name, result)
    if (failed.length > 0) await writeRejects(proc, rejectName, file, failed.map((r) => file.hunks[r.number - 1]!))
  }
  if (failed.length === 0) return 0
  await out.write(`${failed.length} out of ${total} ${hunksWord(total)} FAILED${o.dryRun ? '' : ` -- saving rejects to file ${rejectName}`}\n`)
  return 1
}

async function writeFile(proc: ProcContext, name: string, text: string): Promise<void> {
  const slash = name.lastIndexOf('/')
  if (slash > 0) await makeDirs(proc, name.slice(0, slash))
  const fd = await proc.create(name, 0o666, OWRITE)
  try {
    await proc.write(fd, byteStringToBytes(text))
  } finally {
    await proc.close(fd)
  }
}

async function writeRejects(proc: ProcContext, name: string, file: FilePatch, hunks: FilePatch['hunks']): Promise<void> {
  await writeFile(proc, name, file.header + hunks.map((h) => h.source).join(''))
}
