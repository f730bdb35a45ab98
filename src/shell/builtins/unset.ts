/** unset: loaded with the rarer builtins (rare.ts). */
import { ShellError } from '../errors.ts'
import { isName } from '../lexer.ts'
import type { Builtin, ShellHost } from './builtin.ts'

/** `unset 'a[i]'`: removes one element (`a[@]` all of them). */
async function unsetElement(sh: ShellHost, name: string, subscript: string): Promise<void> {
  const v = sh.state.vars.get(name)
  if (v === undefined) return
  if (v.readonly) throw sh.state.readOnly(name)
  if (subscript === '@' || subscript === '*') {
    sh.state.unset(name)
    return
  }
  const key = v.assoc ? subscript : String(await sh.expander.subscript(name, { parts: [{ type: 'lit', text: subscript }] }))
  if (v.items !== undefined) v.items.delete(key)
  else if (key === '0') sh.state.unset(name)
}

export const unset: Builtin = {
  special: true,
  async run(sh, argv) {
    let functions = false
    let reference = false
    let args = argv.slice(1)
    while (args[0] === '-f' || args[0] === '-v' || args[0] === '-n') {
      functions = args[0] === '-f'
      // -n: a name reference itself, not the variable it names
      reference = args[0] === '-n'
      args = args.slice(1)
    }
    if (args[0] === '--') args = args.slice(1)
    else if (args[0]?.startsWith('-')) throw new ShellError(`unset: ${args[0]}: bad option`)
    let status = 0
    for (const name of args) {
      const element = /^([A-Za-z_][A-Za-z0-9_]*)\[(.+)\]$/s.exec(name)
      if (functions) {
        sh.state.functions.delete(name)
        sh.state.functionsChanged()
      }
      else if (element !== null) await unsetElement(sh, element[1]!, element[2]!)
      else if (!isName(name)) {
        // a special builtin's error ends a sh script; bash outside POSIX mode goes on
        if (!sh.state.bash) throw new ShellError(`unset: ${name}: bad variable name`)
        await sh.error(`unset: \`${name}': not a valid identifier`)
        status = 1
      }
      else if (reference && sh.state.vars.getRaw(name)?.nameref !== undefined) sh.state.vars.deleteRaw(name)
      else if (sh.state.bash && sh.state.vars.get(name)?.readonly) {
        // bash goes on to the next name
        await sh.error(`unset: ${name}: cannot unset: readonly variable`)
        status = 1
      } else sh.state.unset(name)
    }
    return status
  },
}
