import assert from 'node:assert/strict'
import { test } from 'node:test'
import { NOTAG } from '../../src/9p/codec.ts'
import { Tags } from '../../src/9p/tags.ts'

test('tags: freed ones are used again first, NOTAG is kept apart, a hangup takes every entry', () => {
  const tags = new Tags<string>()
  const a = tags.take()!
  tags.set(a, 'a')
  const b = tags.take()!
  tags.set(b, 'b')
  assert.deepEqual([a, b], [0, 1])
  tags.delete(a)
  tags.delete(a)
  const c = tags.take()!
  assert.equal(c, a, 'a freed tag is taken again, once however often it was deleted')
  assert.equal(tags.take(), 2)
  tags.set(c, 'c')
  const unsent = tags.take()!
  tags.unused(unsent)
  assert.equal(tags.take(), unsent, 'a tag taken but not used is free again')
  tags.set(NOTAG, 'version')
  assert.equal(tags.get(NOTAG), 'version')
  assert.equal(tags.get(60_000), undefined, 'a tag never taken has no entry')
  assert.deepEqual(tags.takeAll().sort(), ['b', 'c', 'version'])
  assert.equal(tags.get(b), undefined)
  assert.equal(tags.get(NOTAG), undefined)
})

test('tags: all 65,535 in use, none is left to take', () => {
  const tags = new Tags<number>()
  for (let i = 0; i < NOTAG; i++) tags.set(tags.take()!, i)
  assert.equal(tags.take(), undefined)
  tags.delete(1234)
  assert.equal(tags.take(), 1234)
})
