/**
 * alias and unalias. The parser substitutes aliases as it reads (parser.ts, lexer.ts), so an
 * alias defined on a line takes effect from the next command the shell reads, as in dash.
 * Listings are in name order; sh quotes as dash does, bash prefixes `alias `.
 */
import { ENTRY_BYTES } from '../state.ts'
import { quoteAs, type Builtin, type ShellHost } from './builtin.ts'

function describe(sh: ShellHost, name: string, text: string): string {
  return `${sh.state.bash ? 'alias ' : ''}${name}=${quoteAs(sh.state.bash, text)}\n`
}

export const alias: Builtin = {
  async run(sh, argv) {
    const aliases = sh.state.aliases
    let operands = argv.slice(1)
    // bash's -p lists; dash takes every operand as a name
    if (sh.state.bash && (operands[0] === '-p' || operands[0] === '--')) operands = operands.slice(1)
    if (operands.length === 0 || argv[1] === '-p') {
      const names = [...aliases.keys()].sort()
      await sh.write(1, names.map((n) => describe(sh, n, aliases.get(n)!)).join(''))
      if (operands.length === 0) return 0
    }
    let status = 0
    let out = ''
    for (const operand of operands) {
      const eq = operand.indexOf('=', 1)
      if (eq > 0) {
        aliases.set(operand.slice(0, eq), operand.slice(eq + 1))
        sh.state.charge(ENTRY_BYTES + operand.length)
        continue
      }
      const text = aliases.get(operand)
      if (text !== undefined) out += describe(sh, operand, text)
      else {
        await sh.error(sh.state.bash ? `alias: ${operand}: not found` : `alias: ${operand} not found`)
        status = 1
      }
    }
    if (out !== '') await sh.write(1, out)
    return status
  },
}

export const unalias: Builtin = {
  async run(sh, argv) {
    const aliases = sh.state.aliases
    let operands = argv.slice(1)
    if (operands[0] === '--') operands = operands.slice(1)
    else if (operands[0] === '-a') {
      aliases.clear()
      return 0
    }
    if (operands.length === 0 && sh.state.bash) {
      await sh.error('unalias: usage: unalias [-a] name ...')
      return 2
    }
    let status = 0
    for (const name of operands) {
      if (aliases.delete(name)) continue
      await sh.error(sh.state.bash ? `unalias: ${name}: not found` : `unalias: ${name} not found`)
      status = 1
    }
    return status
  },
}
