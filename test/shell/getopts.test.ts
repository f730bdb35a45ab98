/** getopts: each expected output is what dash prints for the same script. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { expectOut, shell, useSystem } from './helpers.ts'

const sys = useSystem()
const run = shell(sys)

/** Parses its arguments with the optstring in $1, printing each letter with OPTARG. */
const PARSE = 'p() { OPTIND=1; spec=$1; shift; while getopts "$spec" o "$@"; do printf "%s[%s] " "$o" "${OPTARG-unset}"; done; echo "OPTIND=$OPTIND"; }'

const CASES: [string, string][] = [
  ['ab:c -a -b val -c x y', 'a[] b[val] c[] OPTIND=5'],
  ['ab:c -ac -bV z', 'a[] c[] b[V] OPTIND=3'],
  ['ab:c -- -a', 'OPTIND=2'],
  ['ab:c - -a', 'OPTIND=1'],
  ['ab:c x -a', 'OPTIND=1'],
  ['ab:c -z', '?[unset] OPTIND=2'],
  ['ab:c -b', '?[unset] OPTIND=2'],
  [':ab:c -z -a', '?[z] a[] OPTIND=3'],
  [':ab:c -a -b', 'a[] :[b] OPTIND=3'],
  ["a: -a ''", 'a[] OPTIND=3'],
  ['a:b -ba val', 'b[] a[val] OPTIND=3'],
  ['a: -a -b', 'a[-b] OPTIND=3'],
  ['a -aa -a', 'a[] a[] a[] OPTIND=3'],
]

test('getopts: grouped options, arguments, --, silent mode and errors', async () => {
  for (const [args, out] of CASES) await expectOut(run, `${PARSE}; p ${args} 2>/dev/null`, out + '\n')
})

test('getopts: positional parameters, status at the end, OPTIND reset and out of range', async () => {
  await expectOut(run, 'set -- -x -y arg; while getopts xy o; do echo "$o $OPTIND"; done; echo "st $? $o $OPTIND"; shift $((OPTIND-1)); echo "$@"', 'x 2\ny 3\nst 0 ? 3\narg\n')
  await expectOut(run, 'getopts a o -a; echo "st $? $o"; getopts a o -a; echo "st $? $o $OPTIND"', 'st 0 a\nst 1 ? 2\n')
  await expectOut(run, 'set -- -ab; getopts ab o; echo "$o $OPTIND"; OPTIND=1; getopts ab o; echo "$o $OPTIND"; getopts ab o; echo "$o $OPTIND"', 'a 2\na 2\nb 2\n')
  await expectOut(run, 'OPTIND=9; getopts a o -a; echo "st $? $o $OPTIND"', 'st 0 a 2\n')
  // a subshell carries on inside the word of grouped options
  await expectOut(run, 'getopts ab o -ab; (getopts ab o -ab; echo "sub $o $OPTIND")', 'sub b 2\n')
})

test('getopts: errors on stderr, usage errors are status 2', async () => {
  const r = await run('getopts abc o -z; echo "st $? $o ${OPTARG-unset}"')
  assert.equal(r.stdout, 'st 0 ? unset\n')
  assert.equal(r.stderr, 'sh: 1: getopts: -z: bad option\n')
  const m = await run('getopts b: o -b; echo "st $? $o"')
  assert.equal(m.stdout, 'st 0 ?\n')
  assert.equal(m.stderr, 'sh: 1: getopts: -b: option needs an argument\n')
  await expectOut(run, 'getopts a 2>/dev/null; echo "st $?"; getopts a 1x -a 2>/dev/null; echo "st $?"', 'st 2\nst 2\n')
})

test("getopts in bash reports as bash does: the script's name, then the option", async () => {
  const r = await sys().exec(['bash', '-c', 'getopts b: o -z; OPTIND=1; getopts b: o -b; echo "$o"', 'script'])
  assert.equal(r.stderr, 'script: illegal option -- z\nscript: option requires an argument -- b\n')
  assert.equal(r.stdout, '?\n')
})
