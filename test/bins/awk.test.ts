/** awk as people and agents type it, and what the host must survive: endless loops, hostile programs, usage. */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { boot, type System } from '../../src/image.ts'
import { corePreset } from '../../src/presets/core.ts'

let sys: System
before(async () => {
  sys = await boot({ presets: [corePreset(), { name: 'awk-test', dirs: { '/tmp': 0o777 } }] })
})
after(async () => {
  await sys.shutdown()
})

test('awk --help prints its usage; a bad option is a usage error with status 2', async () => {
  const help = await sys.exec(['awk', '--help'])
  assert.equal(help.exitCode, 0)
  assert.match(help.stdout, /^usage: awk \[-F fs\]/)
  const bad = await sys.exec(['awk', '-q', '1'])
  assert.equal(bad.exitCode, 2)
  assert.match(bad.stderr, /^awk: invalid option -- 'q'\nusage: awk /)
  const none = await sys.exec(['awk'])
  assert.equal(none.exitCode, 2)
})

test('a syntax error names the line, with status 2', async () => {
  const r = await sys.exec(['awk', 'BEGIN {\n  print 1\n  x = = 2\n}'])
  assert.equal(r.exitCode, 2)
  assert.equal(r.stderr, 'awk: syntax error at source line 3\n')
})

test("the user's flow: a pipeline through awk, sort and head", async () => {
  const r = await sys.run("printf 'b 2\\na 10\\nc 1\\n' | awk '{ print $2, $1 }' | sort -n | head -2")
  assert.equal(r.stdout, '1 c\n2 b\n')
  assert.equal(r.exitCode, 0)
})

test("the user's flow: summing a column of a file, with -F and -v", async () => {
  await sys.writeFile('/tmp/sales.csv', 'item,qty\napple,3\npear,4\n')
  const r = await sys.run("awk -F, -v label=total 'NR > 1 { s += $2 } END { print label, s }' /tmp/sales.csv")
  assert.equal(r.stdout, 'total 7\n')
})

test('print > file, then the file read back by cat', async () => {
  const r = await sys.run("printf 'x\\ny\\n' | awk '{ print NR, $0 > \"/tmp/awk-out\" }'; cat /tmp/awk-out")
  assert.equal(r.stdout, '1 x\n2 y\n')
})

test('an endless loop does not hold the host: other work goes on and kill ends it', async () => {
  const r = await sys.run("awk 'BEGIN { while (1) n++ }' & sleep 0.2; echo meanwhile; kill $!; wait $!; echo status $?")
  assert.equal(r.stdout, 'meanwhile\nstatus 143\n')
})

test('endless output into head ends when head has read enough', async () => {
  const r = await sys.run("awk 'BEGIN { while (1) print \"y\" }' | head -3")
  assert.equal(r.stdout, 'y\ny\ny\n')
})

test('a regex that backtracks for ever elsewhere is linear here', async () => {
  const t0 = performance.now()
  const r = await sys.exec(['awk', '/(a+)+$/ { n++ } $0 ~ "^(a|aa)+$" { m++ } END { print n + 0, m + 0 }'], { stdin: 'a'.repeat(40) + '!\n' })
  assert.ok(performance.now() - t0 < 5000)
  assert.equal(r.stdout, '0 0\n')
})

test('hostile programs fail cleanly: deep recursion, huge strings, names that are JavaScript', async () => {
  const deep = await sys.exec(['awk', 'function f(n) { return f(n + 1) } BEGIN { f(1) }'])
  assert.equal(deep.exitCode, 2)
  assert.match(deep.stderr, /^awk: /)
  const big = await sys.exec(['awk', 'BEGIN { s = "x"; while (1) s = s s }'])
  assert.equal(big.exitCode, 2)
  assert.match(big.stderr, /^awk: /)
  const nested = await sys.exec(['awk', 'BEGIN { x = ' + '('.repeat(20000) + '1' + ')'.repeat(20000) + ' }'])
  assert.equal(nested.exitCode, 2)
  const names = await sys.exec(['awk', 'function constructor(__proto__) { return __proto__ } BEGIN { rt = 1; prototype["x"] = 2; print constructor(3), rt, prototype["x"]; print "\\u2028\\"); throw 1; //" }'])
  assert.equal(names.stdout, '3 1 2\n\\u2028"); throw 1; //\n')
  assert.equal(names.exitCode, 0)
})

test('getline from a command and system() run through the shell', async () => {
  const r = await sys.run(`awk 'BEGIN { while (("printf \\"3\\\\n4\\\\n\\"" | getline v) > 0) s += v; print s; print system("exit 5") }'`)
  assert.equal(r.stdout, '7\n5\n')
})
