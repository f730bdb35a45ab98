/**
 * bash's shopt: -s sets, -u unsets, -q only answers; with names alone it prints their states.
 * nullglob, extglob, globstar, dotglob, failglob and nocaseglob change globbing, nocasematch `case`
 * and `[[ ]]`, expand_aliases lets a script's aliases work, patsub_replacement makes `&` in
 * ${x/p/r} the match, inherit_errexit keeps set -e in $( ), lastpipe runs a pipeline's last command
 * in the shell. The terminal's and history's options are accepted and remembered without effect.
 */
import type { Options } from '../state.ts'
import type { Builtin } from './builtin.ts'

const EFFECTIVE: Record<string, keyof Options> = {
  nullglob: 'nullglob',
  extglob: 'extglob',
  globstar: 'globstar',
  dotglob: 'dotglob',
  nocasematch: 'nocasematch',
  expand_aliases: 'expandAliases',
  patsub_replacement: 'patsubReplacement',
  failglob: 'failglob',
  nocaseglob: 'nocaseglob',
  inherit_errexit: 'inheritErrexit',
  lastpipe: 'lastpipe',
}
/** The terminal's and history's options, which change nothing a script sees. */
const ACCEPTED = ['checkwinsize', 'cmdhist', 'histappend', 'progcomp', 'promptvars', 'sourcepath']

export const shopt: Builtin = {
  async run(sh, argv) {
    const remembered = (sh.shoptExtra ??= new Set(['cmdhist', 'progcomp', 'promptvars', 'sourcepath']))
    let mode: 's' | 'u' | undefined
    let quiet = false
    // -p: listed as the commands that would set them so
    let reusable = false
    let i = 1
    for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
      for (const c of argv[i]!.slice(1)) {
        if (c === 's' || c === 'u') mode = c
        else if (c === 'q') quiet = true
        else if (c === 'p') reusable = true
        else if (c !== 'o') {
          await sh.error(`shopt: -${c}: invalid option`)
          return 2
        }
      }
    }
    const names = argv.slice(i)
    const known = (n: string): boolean => n in EFFECTIVE || ACCEPTED.includes(n)
    const isOn = (n: string): boolean => (n in EFFECTIVE ? sh.state.options[EFFECTIVE[n]!] : remembered.has(n))
    let status = 0
    for (const n of names) {
      if (!known(n)) {
        await sh.error(`shopt: ${n}: invalid shell option name`)
        status = 1
      }
    }
    if (mode !== undefined && names.length > 0) {
      for (const n of names.filter(known)) {
        if (n in EFFECTIVE) sh.state.options[EFFECTIVE[n]!] = mode === 's'
        else if (mode === 's') remembered.add(n)
        else remembered.delete(n)
      }
      return status
    }
    // without names: all of them, or with -s/-u those on/off
    const listed = names.length > 0 ? names.filter(known) : [...Object.keys(EFFECTIVE), ...ACCEPTED].sort().filter((n) => mode === undefined || isOn(n) === (mode === 's'))
    const line = (n: string): string => (reusable ? `shopt ${isOn(n) ? '-s' : '-u'} ${n}\n` : `${n.padEnd(15)}\t${isOn(n) ? 'on' : 'off'}\n`)
    if (!quiet) await sh.write(1, listed.map(line).join(''))
    return names.length === 0 || listed.every(isOn) ? status : 1
  },
}
