/**
 * The shell state's tables (functions, exported functions, aliases, traps, function sources) are
 * made on first use: a state that never made one copies to one without it, and a copy of one
 * that did holds tables of its own. The starting variables are made when a variable is first
 * read or changed, by any way of asking.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ShellState, Variables, type Var } from '../../src/shell/state.ts'
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

test('the starting variables are made once, by whichever use comes first', () => {
  const plain = (value: string): Var => ({ value, exported: true, readonly: false })
  const uses: [string, (v: Variables) => unknown][] = [
    ['get', (v) => v.get('HOME')?.value],
    ['has', (v) => v.has('HOME')],
    ['getRaw', (v) => v.getRaw('HOME')?.value],
    ['size', (v) => v.size],
    ['keys', (v) => [...v.keys()]],
    ['values', (v) => [...v.values()].length],
    ['entries', (v) => [...v.entries()].length],
    ['iteration', (v) => [...v].length],
    ['forEach', (v) => {
      let n = 0
      v.forEach(() => n++)
      return n
    }],
    ['resolve', (v) => v.resolve('HOME')],
  ]
  for (const [name, use] of uses) {
    let fills = 0
    const vars = new Variables()
    vars.startWith((v) => {
      fills++
      v.setRaw('HOME', plain('/home/glenda'))
      v.setRaw('PWD', plain('/tmp'))
    })
    assert.equal(fills, 0, name)
    const answer = use(vars)
    assert.equal(fills, 1, name)
    assert.deepEqual(use(vars), answer, name)
    assert.equal(vars.size, 2, name)
    assert.equal(fills, 1, name)
  }
  // a change made first comes after the starting variables, and wins over one of theirs
  for (const change of [(v: Variables) => v.set('HOME', plain('/')), (v: Variables) => v.setRaw('HOME', plain('/'))]) {
    const vars = new Variables()
    vars.startWith((v) => {
      v.setRaw('HOME', plain('/home/glenda'))
      v.setRaw('IFS', plain(' '))
    })
    change(vars)
    assert.deepEqual([...vars.keys()], ['HOME', 'IFS'])
    assert.equal(vars.get('HOME')?.value, '/')
  }
  const removed = new Variables()
  removed.startWith((v) => v.setRaw('IFS', plain(' ')))
  removed.delete('IFS')
  assert.equal(removed.size, 0)
  const cleared = new Variables()
  cleared.startWith((v) => v.setRaw('IFS', plain(' ')))
  cleared.clear()
  assert.equal(cleared.get('IFS'), undefined)
})

test("a shell's starting variables are what it started with, whenever they are first used", async () => {
  await expectOut(run, `cd /tmp; echo "$PWD $OLDPWD"`, '/tmp /home/glenda\n')
  await expectOut(run, `echo "$IFS" | od -An -c | tr -s ' '`, ' \\t \\n \\n\n')
  await expectOut(run, `echo $HOSTNAME $SHELL $UID $OPTIND; export | grep -c HOME=`, 'ninefold /bin/sh 1000 1\n1\n')
  await expectOut(run, `sh -c 'echo $PPID' | grep -c '^[0-9][0-9]*$'`, '1\n')
})
