/** C conversions: a precision past a double's exact expansion is zeros, written rather than computed. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { boot, stdSystem } from '../../src/index.ts'
import { formatFloat } from '../../src/bins/util/cformat.ts'
import { heldHost } from '../hostturns.ts'

const values = [1, 0.1, 123.456, -2.5, 5e-324, 1e300, 1.7976931348623157e308]

test('%f and %e past the exact digits go on in zeros, as the exact expansion does', () => {
  for (const x of values) {
    // a double's exact expansion has at most 1074 fraction digits, and at most 767 significant ones
    assert.equal(formatFloat(x, { flags: '', conv: 'f', precision: 3000 }), formatFloat(x, { flags: '', conv: 'f', precision: 1074 }) + '0'.repeat(3000 - 1074), `${x}`)
    const e = formatFloat(x, { flags: '', conv: 'e', precision: 2000 })
    const exact = formatFloat(x, { flags: '', conv: 'e', precision: 800 })
    assert.equal(e, exact.replace(/e/, '0'.repeat(1200) + 'e'), `${x}`)
  }
})

test('fifty million digits leave the host its turns (BigInt arithmetic held it 12 s a conversion)', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const { result, longest } = await heldHost(() => sys.run("printf '%.50000000f\\n' 1 | wc -c; awk 'BEGIN { printf \"%.50000000e\\n\", 0.5 }' | wc -c"))
  assert.deepEqual(result, { stdout: '50000003\n50000007\n', stderr: '', exitCode: 0 })
  assert.ok(longest < 2000, `the host waited ${longest.toFixed(0)} ms`)
  await sys.shutdown()
})
