/**
 * The listings of export, readonly and set (`export -p`, `set`, `set -o`, `set +o`) and
 * `export -f`: loaded the first time one of them runs (vars.ts), so a browser fetches them then.
 */
import { quoteAs, type ShellHost } from './builtin.ts'
import type { Options, Var } from '../state.ts'

/** The variables `which` picks, sorted, a `prefix`name=value line each (a value quoted for reading back). */
export async function list(sh: ShellHost, prefix: string, which: (v: Var) => boolean): Promise<void> {
  const names = [...sh.state.vars.keys()].sort()
  let out = ''
  for (const n of names) {
    const v = sh.state.vars.getRaw(n)!
    if (which(v)) out += v.value === undefined ? `${prefix}${n}\n` : `${prefix}${n}=${quoteAs(sh.state.bash, v.value)}\n`
  }
  await sh.write(1, out)
}

/** `export -f name…`: the functions go to child shells in the environment (main.ts reads them back). */
export async function exportFunctions(sh: ShellHost, names: readonly string[]): Promise<number> {
  if (names.length === 0) {
    await sh.write(1, [...sh.state.exportedFunctions].filter((n) => sh.state.functions.has(n)).sort().map((n) => `declare -fx ${n}\n`).join(''))
    return 0
  }
  let status = 0
  for (const name of names) {
    if (sh.state.functions.has(name)) sh.state.exportedFunctions.add(name)
    else {
      await sh.error(`export: ${name}: not a function`)
      status = 1
    }
  }
  sh.state.functionsChanged()
  return status
}

/** The options `set -o` lists, in dash's order and bash's (alphabetical); those ninefold lacks show off (bash's defaults on). */
const DASH_LISTING = ['errexit', 'noglob', 'ignoreeof', 'interactive', 'monitor', 'noexec', 'stdin', 'xtrace', 'verbose', 'vi', 'emacs', 'noclobber', 'allexport', 'notify', 'nounset', 'privileged', 'nolog', 'debug', 'pipefail']
const BASH_LISTING = ['allexport', 'braceexpand', 'emacs', 'errexit', 'errtrace', 'functrace', 'hashall', 'histexpand', 'history', 'ignoreeof', 'interactive-comments', 'keyword', 'monitor', 'noclobber', 'noexec', 'noglob', 'nolog', 'notify', 'nounset', 'onecmd', 'physical', 'pipefail', 'posix', 'privileged', 'verbose', 'vi', 'xtrace']
const BASH_ALWAYS_ON = new Set(['hashall', 'interactive-comments'])

/**
 * `set -o` (a table) or `set +o` (commands that restore the options), as dash or bash prints them;
 * `longOptions` are the names `set -o NAME` takes, each with its option.
 */
export function optionListing(sh: ShellHost, table: boolean, longOptions: Readonly<Record<string, keyof Options>>): string {
  const bash = sh.state.bash
  const isOn = (name: string): boolean => {
    const key = longOptions[name]
    if (key !== undefined) return sh.state.options[key]
    if (name === 'interactive') return sh.state.options.interactive
    return bash && BASH_ALWAYS_ON.has(name)
  }
  // dash prints pipefail only once it is set (older dashes have no such option)
  const names = bash ? BASH_LISTING : DASH_LISTING.filter((n) => n !== 'pipefail' || sh.state.options.pipefail)
  if (!table) return names.map((n) => `set ${isOn(n) ? '-' : '+'}o ${n}\n`).join('')
  const rows = names.map((n) => (bash ? `${n.padEnd(15)}\t${isOn(n) ? 'on' : 'off'}\n` : `${n.padEnd(16)}${isOn(n) ? 'on' : 'off'}\n`))
  return (bash ? '' : 'Current option settings\n') + rows.join('')
}
