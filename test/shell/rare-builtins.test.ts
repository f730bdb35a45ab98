/**
 * The builtins loaded on first use (rare.ts) keep, in the table the shell consults before loading
 * them, the flags their own modules give them (a declaration builtin's operands are assignments; a
 * special builtin's errors end a script).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { BUILTINS } from '../../src/shell/builtins/index.ts'
import * as rare from '../../src/shell/builtins/rare.ts'

test('each builtin loaded on first use has its own declaration and special flags before it loads', () => {
  const names = Object.keys(rare)
  assert.ok(names.length >= 20)
  for (const [exported, builtin] of Object.entries(rare)) {
    const name = exported === 'letBuiltin' ? 'let' : exported
    const listed = BUILTINS.get(name)
    assert.ok(listed !== undefined, `${name} is in the table`)
    assert.equal(listed.declaration === true, builtin.declaration === true, `${name}'s declaration flag`)
    assert.equal(listed.special === true, builtin.special === true, `${name}'s special flag`)
  }
})
