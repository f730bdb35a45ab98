/** jq against the host's jq (Debian's): the same filters on the same inputs, same output and status. */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { System } from '../../src/image.ts'
import { both, bootFiles } from './filesfixture.ts'

let sys: System
before(async () => {
  sys = await bootFiles()
})
after(async () => {
  await sys.shutdown()
})

const PEOPLE = JSON.stringify([
  { name: 'ann', age: 31, city: 'oslo', tags: ['a', 'b'] },
  { name: 'bob', age: 7, city: 'rome', tags: [] },
  { name: 'cy', age: 45, city: 'oslo', tags: ['c'], extra: null },
])
const NESTED = '{"a":{"b":{"c":[1,2,{"d":"deep"}]}},"n":null,"t":true,"f":false,"s":"str","x":1.5}'
const STREAM = '1 "two" [3] {"four":4} null false\n'
const TEXT = 'line one\nline two\n\nlast'
const FILES = { 'people.json': PEOPLE, 'nested.json': NESTED, 'stream.json': STREAM, 'text.txt': TEXT, 'bad.json': '{"a":1} {oops', 'prog.jq': '.[] | .name\n' }

async function same(argv: string[], stdin?: string): Promise<void> {
  const { ours, theirs } = await both(sys, FILES, argv, stdin)
  const what = JSON.stringify(argv)
  assert.equal(ours.stdout, theirs.stdout, `stdout of ${what}`)
  assert.equal(ours.exitCode, theirs.exitCode, `status of ${what}: ${ours.stderr} / ${theirs.stderr}`)
}

/** Filter × input: each filter runs on the named file. */
const FILTERS: [string, string][] = [
  ['.', 'nested.json'],
  ['.a.b.c[2].d', 'nested.json'],
  ['.a.b.c[-1]', 'nested.json'],
  ['.a.b.c[1:]', 'nested.json'],
  ['.missing', 'nested.json'],
  ['.a | keys', 'nested.json'],
  ['keys_unsorted', 'nested.json'],
  ['[paths]', 'nested.json'],
  ['[paths(type == "number")]', 'nested.json'],
  ['[leaf_paths]', 'nested.json'],
  ['getpath(["a","b","c",0])', 'nested.json'],
  ['setpath(["a","z"]; 9) | .a', 'nested.json'],
  ['del(.a, .n)', 'nested.json'],
  ['to_entries | map(.key)', 'nested.json'],
  ['with_entries(select(.value | type == "boolean"))', 'nested.json'],
  ['[.. | numbers]', 'nested.json'],
  ['.t and .f, .t or .f, (.f | not)', 'nested.json'],
  ['.n // "default"', 'nested.json'],
  ['.s | length, ascii_upcase, test("t")', 'nested.json'],
  ['.x | floor, sqrt, tostring', 'nested.json'],
  ['[.[] | type]', 'nested.json'],
  ['has("a"), has("zz")', 'nested.json'],
  ['.a.b.c | map(type)', 'nested.json'],
  ['tojson | fromjson | .s', 'nested.json'],
  ['.[] | .name', 'people.json'],
  ['map(.age) | add', 'people.json'],
  ['map(select(.city == "oslo") | .name)', 'people.json'],
  ['sort_by(.age) | map(.name)', 'people.json'],
  ['sort_by(-.age) | .[0].name', 'people.json'],
  ['group_by(.city) | map({city: .[0].city, n: length})', 'people.json'],
  ['unique_by(.city) | length', 'people.json'],
  ['max_by(.age).name, min_by(.age).name', 'people.json'],
  ['map(.tags | length)', 'people.json'],
  ['[.[].tags[]]', 'people.json'],
  ['map({(.name): .age}) | add', 'people.json'],
  ['map(.name) | join(", ")', 'people.json'],
  ['.[0] | to_entries', 'people.json'],
  ['[.[] | {name, age}]', 'people.json'],
  ['reduce .[] as $p (0; . + $p.age)', 'people.json'],
  ['[foreach .[] as $p (0; . + 1; [., $p.name])]', 'people.json'],
  ['[limit(2; .[])] | map(.name)', 'people.json'],
  ['first(.[] | select(.age > 10)).name', 'people.json'],
  ['[.[] | select(.extra == null)] | length', 'people.json'],
  ['map(has("extra"))', 'people.json'],
  ['.[] | "\\(.name) is \\(.age)"', 'people.json'],
  ['map(.age) | [min, max, (add / length | floor)]', 'people.json'],
  ['map(.name) | index("bob")', 'people.json'],
  ['[.[] | .age] | sort | reverse', 'people.json'],
  ['map(.city) | unique', 'people.json'],
  ['any(.[]; .age > 40), all(.[]; .age > 40)', 'people.json'],
  ['map(.name | ascii_upcase | explode | implode)', 'people.json'],
  ['[.[] | .name | split("")] | flatten', 'people.json'],
  ['map(.age | tostring) | join("-")', 'people.json'],
  ['map(.name | sub("b"; "B"))', 'people.json'],
  ['map(.name | gsub("[aeiou]"; "_"))', 'people.json'],
  ['map(.name | capture("(?<first>.)(?<rest>.*)"))', 'people.json'],
  ['[.[] | .name | match("o").offset?]', 'people.json'],
  ['.[1].tags |= . + ["new"] | .[1]', 'people.json'],
  ['map(.age += 1) | map(.age)', 'people.json'],
  ['.[] |= (.age * 2) | .[0]', 'people.json'],
  ['to_entries | map(.key)', 'people.json'],
  ['map(del(.tags)) | .[2]', 'people.json'],
  ['[.[] | .tags | length] | @csv', 'people.json'],
  ['.[] | [.name, .age, .city] | @csv', 'people.json'],
  ['.[] | [.name, .city] | @tsv', 'people.json'],
  ['.[0].name | @base64, (@base64 | @base64d)', 'people.json'],
  ['.[0] | @json', 'people.json'],
  ['.[] | @sh "echo \\(.name)"', 'people.json'],
  ['.[0].name | @html, @uri', 'people.json'],
  ['[range(5)], [range(2; 10; 3)]', 'people.json'],
  ['try error("boom") catch .', 'people.json'],
  ['.[] | .tags[0] // "none"', 'people.json'],
  ['.[0] | .age as $a | .name | "\\(.)\\($a)"', 'people.json'],
  ['def double: . * 2; map(.age | double)', 'people.json'],
  ['def f(g): [.[] | g]; f(.name)', 'people.json'],
  ['[recurse | numbers]', 'people.json'],
  ['map(select(.name | startswith("a") or endswith("y")) | .name)', 'people.json'],
  ['map(.name) | contains(["ann"]), inside(["ann","bob","cy","dee"])', 'people.json'],
  ['[.[] | .age] | map(if . > 30 then "old" elif . > 10 then "mid" else "young" end)', 'people.json'],
  ['.[0] | keys, length', 'people.json'],
  ['map(.name) | .[1:] , .[:1]', 'people.json'],
  ['[.[] | .age] | @text', 'people.json'],
  ['.[] | select(.age < 10) | .missing.deeper', 'people.json'],
  ['.[] | .name | .[0]', 'people.json'],
  ['.', 'stream.json'],
  ['type', 'stream.json'],
  ['.[0]?', 'stream.json'],
  ['length', 'stream.json'],
  ['tostring', 'stream.json'],
  ['. as [$x] | $x', 'stream.json'],
  ['.[]?', 'stream.json'],
]

test('jq filters match the host jq', async () => {
  for (const [filter, file] of FILTERS) {
    await same(['jq', filter, file])
    await same(['jq', '-c', filter, file])
  }
})

test('jq options match the host jq', async () => {
  const cases: string[][] = [
    ['jq', '-r', '.[].name', 'people.json'],
    ['jq', '-j', '.[].name', 'people.json'],
    ['jq', '-rc', '.[0]', 'people.json'],
    ['jq', '-s', '.', 'stream.json'],
    ['jq', '-sc', 'map(type)', 'stream.json'],
    ['jq', '-n', '1 + 2'],
    ['jq', '-n', '[limit(3; range(100))]'],
    ['jq', '-n', '--arg', 'x', 'hello', '$x'],
    ['jq', '-n', '--arg', 'x', '5', '$x | tonumber + 1'],
    ['jq', '-n', '--argjson', 'v', '{"a":[1,2]}', '$v.a[1]'],
    ['jq', '-n', '--argjson', 'v', 'not json', '$v'],
    ['jq', '-n', '--arg', 'a', '1', '--arg', 'b', '2', '$ARGS.named'],
    ['jq', '-n', '$ARGS.positional', '--args', 'p', 'q'],
    ['jq', '-n', '$ARGS.positional', '--jsonargs', '1', '{"z":2}'],
    ['jq', '-e', '.[0].extra', 'people.json'],
    ['jq', '-e', '.[2].extra', 'people.json'],
    ['jq', '-e', '.[0].name', 'people.json'],
    ['jq', '-e', 'empty', 'people.json'],
    ['jq', '-e', '.f', 'nested.json'],
    ['jq', '-S', '.', 'nested.json'],
    ['jq', '--tab', '.a', 'nested.json'],
    ['jq', '--indent', '1', '.a', 'nested.json'],
    ['jq', '-a', '-n', '"héllo ✓"'],
    ['jq', '-R', '.', 'text.txt'],
    ['jq', '-Rs', '.', 'text.txt'],
    ['jq', '-R', 'length', 'text.txt'],
    ['jq', '-Rr', 'ascii_upcase', 'text.txt'],
    ['jq', '-f', 'prog.jq', 'people.json'],
    ['jq', '--slurpfile', 's', 'stream.json', '-n', '$s | length'],
    ['jq', '--rawfile', 'r', 'text.txt', '-n', '$r | length'],
    ['jq', '.', 'missing.json'],
    ['jq', '.a.b |'],
    ['jq', '-n', 'error("custom")'],
    ['jq', '-n', 'error({"a":1})'],
    ['jq', '.[] | .age', 'people.json', 'people.json'],
    ['jq', '-n', '[inputs | .name?] | length', 'people.json'],
    ['jq', '-n', 'input | length', 'people.json'],
    ['jq', '-c', 'paths', 'nested.json'],
    ['jq', '-c', 'to_entries[]', 'nested.json'],
    ['jq', '-cn', '[1,[2,[3]]] | flatten(1)'],
    ['jq', '-cn', '{"a":1} * {"a":{"b":2}}'],
    ['jq', '-cn', '[3,1,2] - [1]'],
    ['jq', '-cn', '"a,b,c" | split(",")'],
    ['jq', '-cn', '[splits("a"; "g")]'],
    ['jq', '-cn', '"test" | ltrimstr("te"), rtrimstr("st")'],
    ['jq', '-cn', '[1,2,3] | indices(2)'],
    ['jq', '-cn', '{"a":1,"b":2} | map_values(. * 10)'],
    ['jq', '-cn', '[{"k":"a","v":1}] | from_entries'],
    ['jq', '-cn', '[{"key":"a","value":1},{"name":"b","value":2}] | from_entries'],
    ['jq', '-cn', '[[1,2],[3,4]] | transpose'],
    ['jq', '-cn', '"2015-03-05T23:51:47Z" | fromdate'],
    ['jq', '-cn', '1425599507 | todate'],
    ['jq', '-cn', '[.[]?]'],
    ['jq', '-cn', 'label $f | range(10) | ., (select(. == 2) | break $f)'],
    ['jq', '-cn', '[range(10)] | .[2:4] = ["x"]'],
    ['jq', '-cn', '{} | .a.b.c = 1'],
    ['jq', '-cn', '[1,null,2] | map(values)'],
    ['jq', '-cn', '"abc" | test("B"; "i")'],
    ['jq', '-cn', '[1,2] | combinations', ],
    ['jq', '-cn', '[[1,2],[3,4]] | [combinations]'],
    ['jq', '-cn', '{"a":[1,2]} | tostream'],
    ['jq', '-cn', '[1,[2]] | getpath(["a"])?'],
    ['jq', '-cn', 'now | type'],
    ['jq', '-rn', '["a","b c"] | @sh'],
    ['jq', '-rn', '[1,"x",null,true] | @csv, @tsv'],
    ['jq', '-n', 'null | not'],
    ['jq', '-n', '"\\u00e9" | utf8bytelength, length'],
    ['jq', '--unknown-flag', '.'],
  ]
  for (const argv of cases) await same(argv, '')
  await same(['jq', '.a'], '{"a": "from stdin"}')
  await same(['jq', '-c', '.[] | select(.v > 1)'], '[{"v":1},{"v":2},{"v":3}]')
  await same(['jq'], '{"x":1}')
  await same(['jq', '.'], '1 2 3')
})

test('jq stops at unparsable input after printing what came before', async () => {
  // status 2 as jq 1.7 (a system error); Debian's jq 1.6 answers 4
  for (const [argv, stdin] of [[['jq', '.', 'bad.json'], ''], [['jq', '-c', '.'], '{"a":1} garbage']] as const) {
    const { ours, theirs } = await both(sys, FILES, [...argv], stdin)
    assert.equal(ours.stdout, theirs.stdout)
    assert.equal(ours.exitCode, 2)
    assert.match(ours.stderr, /^jq: parse error: Invalid/)
  }
})

test('jq --help', async () => {
  const r = await sys.exec(['jq', '--help'])
  assert.equal(r.exitCode, 0)
  assert.match(r.stdout, /^usage: jq /)
})
