/**
 * help: what a builtin does, as bash's help says it (its synopsis with -s, a line with -d); a name
 * that is no builtin goes to /bin/help, which knows the commands. Without a name: every builtin's
 * synopsis.
 */
import type { Builtin } from './builtin.ts'
import { BUILTIN_HELP } from './helptext.ts'
import { builtinOptions } from './options.ts'

export const help: Builtin = {
  async run(sh, argv) {
    const options = new Set<string>()
    const at = builtinOptions(argv, '', (c) => ('dms'.includes(c) ? void options.add(c) : `-${c}: invalid option`))
    if (typeof at === 'string') {
      await sh.error(`help: ${at}\nhelp: usage: help [-dms] [pattern ...]`)
      return 2
    }
    const names = argv.slice(at)
    if (names.length === 0) {
      let out = 'Shell builtins; help NAME says more of one, and of a command in /bin (its --help):\n\n'
      for (const name of Object.keys(BUILTIN_HELP).sort()) out += ` ${BUILTIN_HELP[name]![0]}\n`
      await sh.write(1, out)
      return 0
    }
    let status = 0
    for (const name of names) {
      const entry = Object.hasOwn(BUILTIN_HELP, name) ? BUILTIN_HELP[name] : undefined
      if (entry === undefined) {
        // a command's own --help, through /bin/help, which says when it knows no such name
        const ran = await sh.invoke(['/bin/help', name], false)
        if (ran !== 0) status = ran
        continue
      }
      const [synopsis, summary] = entry
      await sh.write(1, options.has('d') ? `${name} - ${summary}\n` : options.has('s') ? `${name}: ${synopsis}\n` : `${name}: ${synopsis}\n    ${summary}\n`)
    }
    return status
  },
}
