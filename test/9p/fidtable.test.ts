import assert from 'node:assert/strict'
import { test } from 'node:test'
import { FidTable } from '../../src/9p/fidtable.ts'

test('fid table: small and large fids alike, each counted once, and none left after clear', () => {
  const t = new FidTable<string>()
  t.set(1, 'a')
  t.set(0xfffffffe, 'huge')
  t.set(70_000, 'large')
  t.set(1, 'a again')
  assert.equal(t.size, 3, 'setting a fid again does not count it twice')
  assert.equal(t.get(1), 'a again')
  assert.equal(t.get(0xfffffffe), 'huge')
  assert.ok(t.has(70_000))
  assert.ok(!t.has(2))
  assert.deepEqual(t.values().sort(), ['a again', 'huge', 'large'])
  t.delete(70_000)
  t.delete(70_000)
  t.delete(1)
  t.delete(1)
  t.delete(5)
  assert.equal(t.size, 1, 'a fid deleted twice, or never set, is not counted off')
  assert.equal(t.get(1), undefined)
  t.clear()
  assert.equal(t.size, 0)
  assert.equal(t.get(0xfffffffe), undefined)
  assert.deepEqual(t.values(), [])
})
