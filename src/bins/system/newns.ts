/**
 * newns: build a namespace from a namespace file (namespace(6)), then run a command in it.
 * Lines: `bind [-abcr] new old`, `mount [-abcr] srvname old [spec]`, `unmount [new] old`,
 * `cd dir`, `clear` (start from a clean namespace), `. file` (include). Words are quoted rc
 * style ('…', a quote doubled); `#` starts a comment; `$name` expands from the environment.
 * What /proc/<pid>/ns and ns print is such a file, so the two round-trip.
 */
import { own } from '../../kernel/own.ts'
import { NineError } from '../../kernel/errors.ts'
import { bindLetters } from '../../kernel/nsflags.ts'
import type { BindFlags, ProcContext } from '../../kernel/types.ts'
import { command, decode, failWith, parseArgs, readAll, UsageError } from '../lib.ts'
import { srvName } from './mount.ts'

/** Splits a line into words: rc quotes, `#` comments outside quotes, `$name` outside quotes. */
export function nsWords(line: string, env: Record<string, string>): string[] {
  const words: string[] = []
  let word: string | undefined
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (c === ' ' || c === '\t') {
      if (word !== undefined) words.push(word)
      word = undefined
    } else if (c === '#' && word === undefined) break
    else if (c === "'") {
      let j = i + 1
      let text = ''
      for (;;) {
        if (j >= line.length) throw new NineError('ESYNTAX', line, 'unterminated quote')
        if (line[j] === "'") {
          if (line[j + 1] !== "'") break
          text += "'"
          j += 2
        } else text += line[j++]
      }
      word = (word ?? '') + text
      i = j
    } else if (c === '$') {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(line.slice(i + 1))?.[0]
      if (name === undefined) word = (word ?? '') + c
      else {
        word = (word ?? '') + (own(env, name) ?? '')
        i += name.length
      }
    } else word = (word ?? '') + c
  }
  if (word !== undefined) words.push(word)
  return words
}

function flagsOf(words: string[]): { flags: BindFlags; rest: string[] } {
  const letters = words[0]?.startsWith('-') ? words[0].slice(1) : ''
  return { flags: bindLetters(letters, words[0]), rest: letters ? words.slice(1) : words }
}

/** Applies a namespace file's text to this process's namespace. */
export async function applyNamespace(proc: ProcContext, text: string, depth = 0): Promise<void> {
  if (depth > 8) throw new NineError('EINVAL', '.', 'includes nested too deep')
  for (const line of text.split('\n')) {
    const [verb, ...args] = nsWords(line, proc.env)
    if (verb === undefined) continue
    const { flags, rest } = flagsOf(args)
    switch (verb) {
      case 'bind':
        if (rest.length !== 2) throw new NineError('ESYNTAX', line, 'bind needs new and old')
        await proc.bind(rest[0]!, rest[1]!, flags)
        break
      case 'mount': {
        if (rest.length < 2 || rest.length > 3) throw new NineError('ESYNTAX', line, 'mount needs a server and old')
        const name = srvName(rest[0]!)
        const fs = proc.getServer(name)
        if (fs === undefined) throw new NineError('ENOENT', `/srv/${name}`)
        await proc.mount(fs, rest[1]!, flags, { srv: name, ...(rest[2] === undefined ? {} : { spec: rest[2] }) })
        break
      }
      case 'unmount':
        if (rest.length < 1 || rest.length > 2) throw new NineError('ESYNTAX', line, 'unmount needs old')
        await proc.unmount(rest[rest.length - 1]!, rest.length === 2 ? rest[0] : undefined)
        break
      case 'cd':
        if (rest.length !== 1) throw new NineError('ESYNTAX', line, 'cd needs a directory')
        await proc.chdir(rest[0]!)
        break
      case 'clear':
        await proc.rfork({ cleanNamespace: true })
        break
      case '.':
        if (rest.length !== 1) throw new NineError('ESYNTAX', line, '. needs a file')
        await applyNamespace(proc, decode(await proc.readFile(rest[0]!)), depth + 1)
        break
      default:
        throw new NineError('ESYNTAX', line, `unknown verb ${verb}`)
    }
  }
}

export const newns = command({
  name: 'newns',
  usage: '[-n nsfile] [command [args ...]]',
  summary: 'build a namespace from a namespace file (as ns prints it), then run a command in it',
  help: `  -n nsfile  the namespace file (default: standard input when a command is given, else it is
             required); lines: bind, mount, unmount, cd, clear, . file
  command    what to run in the new namespace (default sh)`,
  async run(proc) {
    const args = parseArgs(proc.argv, 'n:')
    const file = typeof args.flags.n === 'string' ? args.flags.n : undefined
    if (file === undefined && args.operands.length === 0) throw new UsageError('need -n nsfile or a command')
    try {
      const text = decode(file === undefined ? await readAll(proc, 0) : await proc.readFile(file))
      await applyNamespace(proc, text)
    } catch (e) {
      await failWith(proc, 'newns', e, file ?? 'stdin')
      return 1
    }
    const child = await proc.spawn(args.operands.length > 0 ? args.operands : ['sh'])
    return child.wait()
  },
})

