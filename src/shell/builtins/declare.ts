/**
 * bash's declare and typeset: attributes (-a indexed array, -A associative array, -i integer,
 * -l/-u case, -r readonly, -x export; + removes), -p to print declarations, -f/-F for functions.
 * Inside a function the names are local unless -g is given. `local` is declare inside a function.
 */
import type { Assign, FunctionDef } from '../ast.ts'
import { ShellError } from '../errors.ts'
import { isName } from '../lexer.ts'
import { arithmetic } from '../ondemand.ts'
import { dquote, keyText } from '../quote.ts'
import { attributeLetters, ENTRY_BYTES, indexOrder, type Var } from '../state.ts'
import type { Builtin, ShellHost } from './builtin.ts'

const ATTRIBUTES = 'aAilnurx'


/** The attribute letters of a variable as declare shows them (`-` for none). */
const flagsOf = (v: Var): string => attributeLetters(v) || '-'

/** `declare -a a=([0]="x")`: how declare -p shows a variable. */
export function declaration(name: string, v: Var): string {
  const head = `declare -${flagsOf(v)} ${name}`
  if (v.nameref !== undefined) return `${head}=${dquote(v.nameref)}`
  if (v.items !== undefined) {
    const keys = v.assoc ? [...v.items.keys()] : indexOrder(v.items)
    const body = keys.map((k) => `[${keyText(k)}]=${dquote(v.items!.get(k)!)}`).join(' ')
    return `${head}=(${body}${v.assoc && keys.length > 0 ? ' ' : ''})`
  }
  return v.value === undefined ? head : `${head}=${dquote(v.value)}`
}

interface Options {
  on: Set<string>
  off: Set<string>
  print: boolean
  functions: '' | 'f' | 'F'
  global: boolean
}

function parseOptions(cmd: string, argv: readonly string[]): [Options, number] {
  const o: Options = { on: new Set(), off: new Set(), print: false, functions: '', global: false }
  let i = 1
  for (; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--') {
      i++
      break
    }
    if (a.length < 2 || (a[0] !== '-' && a[0] !== '+')) break
    for (const c of a.slice(1)) {
      if (c === 'p') o.print = true
      else if (c === 'f' || c === 'F') o.functions = c
      else if (c === 'g') o.global = true
      else if (ATTRIBUTES.includes(c)) (a[0] === '-' ? o.on : o.off).add(c)
      else throw new ShellError(`${cmd}: -${c}: invalid option`, 2)
    }
  }
  return [o, i]
}

/** Gives `v` the attributes of `o` (after its value was kept as it was). */
function applyAttributes(sh: ShellHost, name: string, o: Options): void {
  const state = sh.state
  if (o.on.has('a') || o.on.has('A')) {
    const v = state.vars.get(name)
    if (o.on.has('A') && v?.items !== undefined && !v.assoc) throw new ShellError(`${name}: cannot convert indexed to associative array`, 1)
    if (v?.items === undefined) state.array(name, o.on.has('A'))
  }
  let v = state.vars.get(name)
  if (v === undefined) {
    v = { value: undefined, exported: false, readonly: false }
    state.vars.set(name, v)
    state.charge(ENTRY_BYTES + name.length)
  }
  if (o.on.has('i')) v.integer = true
  if (o.off.has('i')) delete v.integer
  if (o.on.has('l')) v.letterCase = 'lower'
  if (o.on.has('u')) v.letterCase = 'upper'
  if (o.off.has('l') || o.off.has('u')) delete v.letterCase
  if (o.on.has('x')) state.export(name)
  if (o.off.has('x')) state.unexport(name)
}

/**
 * declare -n NAME[=TARGET]: NAME becomes a reference to TARGET (its value, when none is given);
 * +n makes it a plain variable again, holding the name it referred to.
 */
async function nameReference(sh: ShellHost, cmd: string, name: string, assign: Assign | undefined, on: boolean): Promise<void> {
  const vars = sh.state.vars
  const old = vars.getRaw(name)
  if (old?.readonly) throw new ShellError(`${cmd}: ${name}: readonly variable`, 1)
  if (!on) {
    if (old?.nameref !== undefined) vars.setRaw(name, { value: old.nameref, exported: old.exported, readonly: false })
    return
  }
  // the target is assigned as a plain value first, then taken as the name referred to
  const plain: Var = { value: old?.nameref ?? old?.value, exported: old?.exported ?? false, readonly: false }
  vars.setRaw(name, plain)
  if (assign !== undefined) await sh.assign(assign)
  const target = plain.value
  if (target === undefined) return
  if (!isName(target)) {
    vars.deleteRaw(name)
    if (/^[A-Za-z_][A-Za-z0-9_]*\[.+\]$/s.test(target)) throw new ShellError(`${cmd}: ${target}: not implemented: name references to array elements`, 1)
    throw new ShellError(`${cmd}: \`${target}': invalid variable name for name reference`, 1)
  }
  if (target === name) {
    vars.deleteRaw(name)
    throw new ShellError(`${cmd}: ${name}: name reference to itself`, 1)
  }
  plain.value = undefined
  plain.nameref = target
}

async function printVariables(sh: ShellHost, cmd: string, names: readonly string[], o: Options): Promise<number> {
  const state = sh.state
  let status = 0
  let out = ''
  const wanted = names.length > 0 ? names : [...state.vars.keys()].sort()
  for (const n of wanted) {
    const v = state.vars.getRaw(n)
    if (v === undefined) {
      await sh.error(`${cmd}: ${n}: not found`)
      status = 1
      continue
    }
    if (names.length === 0 && [...o.on].some((c) => !flagsOf(v).includes(c))) continue
    out += declaration(n, v) + '\n'
  }
  await sh.write(1, out)
  return status
}

/**
 * A function as declare -f and bash's type print it, to be read back: its name and its body as
 * it was written (bash prints the body re-indented from its tree; the text means the same).
 */
export function functionDefinition(name: string, def: FunctionDef): string {
  return `${name} () \n${def.text}\n`
}

async function printFunctions(sh: ShellHost, names: readonly string[], bodies: boolean): Promise<number> {
  const all = names.length > 0 ? names : [...sh.state.functions.keys()].sort()
  let status = 0
  for (const n of all) {
    const def = sh.state.functions.get(n)
    if (def === undefined) {
      status = 1
      continue
    }
    // (declare -F NAME says only the name, as bash's)
    await sh.write(1, bodies ? functionDefinition(n, def) : names.length > 0 ? `${n}\n` : `declare -f ${n}\n`)
  }
  return status
}

/** declare, typeset and (with `local`) local. */
function declarer(cmd: string, local: boolean): Builtin {
  return {
    declaration: true,
    async run(sh, argv, assigns) {
      const state = sh.state
      const [o, first] = parseOptions(cmd, argv)
      const names = argv.slice(first)
      // an integer variable's assignments evaluate arithmetic synchronously (state.integers)
      if (o.on.has('i')) await arithmetic.get()
      if (o.functions !== '') return printFunctions(sh, names, o.functions === 'f')
      // no names: the variables with the attributes asked for (all of them with none)
      if (o.print || (names.length === 0 && o.off.size === 0)) return printVariables(sh, cmd, names, o)
      const makeLocal = local || (state.functionDepth > 0 && !o.global)
      if (local && state.functionDepth === 0) {
        await sh.error(`${cmd}: can only be used in a function`)
        return 1
      }
      let status = 0
      for (let k = 0; k < names.length; k++) {
        let name = names[k]!
        let assign: Assign | undefined = assigns?.[first + k]
        // a word that is an assignment only once expanded (declare "x_$k=$v"): bash splits it at its first `=`
        const expanded = assign === undefined ? /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(name) : null
        if (expanded) {
          assign = { name: expanded[1]!, value: { parts: [{ type: 'quoted', text: name.slice(expanded[0].length) }] }, append: expanded[2] === '+' }
          name = assign.name
        }
        if (!isName(name)) {
          await sh.error(`${cmd}: \`${name}': not a valid identifier`)
          status = 1
          continue
        }
        if (makeLocal) {
          state.makeLocal(name)
          // a new local starts unset in bash (dash keeps the outer value until assigned)
          if (state.bash || o.on.size > 0) state.restore(name, undefined)
        }
        if (o.on.has('n') || o.off.has('n')) {
          await nameReference(sh, cmd, name, assign, o.on.has('n'))
          continue
        }
        applyAttributes(sh, name, o)
        if (assign !== undefined) await sh.assign(assign)
        if (o.on.has('r')) state.setReadonly(name)
        if (o.off.has('r') && state.vars.get(name)?.readonly) throw new ShellError(`${cmd}: ${name}: readonly variable`, 1)
      }
      return status
    },
  }
}

export const declare = declarer('declare', false)
export const typeset = declarer('typeset', false)
export const local = declarer('local', true)
