/**
 * The shell state's tables (functions, exported functions, aliases, traps, function sources) are
 * made on first use: a state that never made one copies to one without it, and a copy of one
 * that did holds tables of its own.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ShellState } from '../../src/shell/state.ts'
import { parseScript } from '../../src/shell/parser.ts'
import type { FunctionDef } from '../../src/shell/ast.ts'
import { expectOut, shell, useSystem } from './helpers.ts'

const sys = useSystem()
const run = shell(sys)

function definition(text: string): FunctionDef {
  const def = parseScript(text).items[0]!.command.first.commands[0]!
  assert.equal(def.type, 'function')
  return def as FunctionDef
}

test('a state without tables answers lookups as empty ones would, and its copy has none either', () => {
  const state = new ShellState()
  assert.equal(state.functionNamed('f'), undefined)
  assert.equal(state.trapAction('EXIT'), undefined)
  assert.equal(state.hasAliases, false)
  assert.equal(state.aliasText('ll'), undefined)
  assert.deepEqual(state.env(), {})
  const copy = state.copy()
  assert.equal(copy.functionNamed('f'), undefined)
  assert.equal(copy.hasAliases, false)
  assert.equal(copy.trapAction('SIGINT'), undefined)
})

test("a copy's tables are its own: what the copy defines, the original does not see, and the reverse", () => {
  const state = new ShellState()
  const f = definition('f() { echo f; }')
  state.functions.set('f', f)
  state.functionSources.set('f', 'lib.sh')
  state.exportedFunctions.add('f')
  state.aliases.set('ll', 'ls -l')
  state.traps.set('SIGINT', '')
  state.traps.set('EXIT', 'echo bye')
  const copy = state.copy()
  assert.equal(copy.functionNamed('f'), f)
  assert.equal(copy.functionSources.get('f'), 'lib.sh')
  assert.equal(copy.env()['BASH_FUNC_f%%'], '() ' + f.text)
  assert.equal(copy.hasAliases, true)
  assert.equal(copy.aliasText('ll'), 'ls -l')
  // a subshell keeps ignored signals only
  assert.equal(copy.trapAction('SIGINT'), '')
  assert.equal(copy.trapAction('EXIT'), undefined)
  copy.functions.delete('f')
  copy.aliases.clear()
  state.aliases.set('la', 'ls -a')
  assert.equal(state.functionNamed('f'), f)
  assert.equal(state.aliasText('ll'), 'ls -l')
  assert.equal(copy.hasAliases, false)
  assert.equal(copy.aliasText('la'), undefined)
})

test('functions, aliases and traps defined mid-script apply to what follows, in the shell and its subshells', async () => {
  await expectOut(run, `f() { echo in f; }; f; (f); echo $(f)`, 'in f\nin f\nin f\n')
  await expectOut(run, `trap 'echo bye' EXIT; echo first`, 'first\nbye\n')
  await expectOut(run, `trap '' INT; (trap) | grep -c INT`, '1\n')
  await expectOut(run, `alias say='echo said'\nsay it`, 'said it\n')
})
