/** Background jobs, wait, jobs, fg, bg, kill and trap: real processes and signals. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { expectOut, shell, useSystem } from './helpers.ts'

const sys = useSystem()
const run = shell(sys)

test('cmd & returns at once; $! is its pid; wait waits and returns its status', async () => {
  await expectOut(run, 'cd /tmp; (sleep 0.05; echo late > bg1) & echo now; wait; cat bg1', 'now\nlate\n')
  await expectOut(run, '(exit 6) & wait $!; echo $?', '6\n')
  await expectOut(run, 'sh -c "exit 3" & p=$!; sleep 0; wait $p; echo $?', '3\n')
  await expectOut(run, 'wait 99999; echo $?', '127\n')
  await expectOut(run, 'x=1; x=2 & wait; echo $x', '1\n')
})

test('background pipelines are one job in their own process group', async () => {
  const r = await run("sleep 5 | sleep 5 & pid=$!; ps | grep -c ' sleep 5$'; kill %1; wait; ps | grep -c ' sleep 5$'")
  assert.equal(r.stdout, '2\n0\n')
})

test('a background pipeline runs until every process has ended; its status is the last one\'s', async () => {
  await expectOut(run, 'sleep 1000 | (exit 3) & sleep 0; jobs; kill %1; wait %1; echo $?; jobs', '[1]+  Running                 sleep 1000 | (exit 3) &\n3\n')
  await expectOut(run, '(exit 4) | sleep 0 & wait %1; echo $?', '0\n')
})

test('nohup and trap \'\' HUP: the command and its children ignore SIGHUP; other signals still end them; its own statuses', async () => {
  await expectOut(run, 'nohup sh -c \'kill -HUP $$; echo survived; sh -c "kill -HUP \\$\\$; echo child too"\'; echo $?', 'survived\nchild too\n0\n')
  await expectOut(run, "sh -c 'kill -HUP $$; echo survived'; echo $?", '129\n')
  await expectOut(run, 'nohup sleep 10 & kill -HUP $!; kill -0 $! && echo alive; kill $!; wait $!; echo $?', 'alive\n143\n')
  await expectOut(run, "trap '' HUP; sh -c 'kill -HUP $$; echo ignored'; trap - HUP; sh -c 'kill -HUP $$'; echo $?", 'ignored\n129\n')
  await expectOut(run, 'nohup sh -c "exit 3"; echo $?; nohup no-such-command 2>/dev/null; echo $?; nohup 2>/dev/null; echo $?', '3\n127\n125\n')
})

test('jobs lists running and finished jobs', async () => {
  await expectOut(run, 'sleep 5 & sleep 5 & jobs; kill %1 %2; wait', '[1]-  Running                 sleep 5 &\n[2]+  Running                 sleep 5 &\n')
  await expectOut(run, 'true & wait; jobs; jobs', '')
})

test('kill: by pid, %job, -9, -s NAME, -l', async () => {
  await expectOut(run, 'sleep 10 & kill $!; wait $!; echo $?', '143\n')
  // with prefix assignments $! is still the command itself, not a shell around it
  await expectOut(run, "X=1 sleep 10 & ps | grep -c ' sleep 10$'; kill $!; wait $!; echo $?; ps | grep -c ' sleep 10$' || true", '1\n143\n0\n')
  await expectOut(run, 'sleep 10 & kill -9 %1; wait %1; echo $?', '137\n')
  await expectOut(run, 'sleep 10 & kill -s INT $!; wait $!; echo $?', '130\n')
  await expectOut(run, 'sleep 10 & kill -HUP $!; wait $!; echo $?', '129\n')
  await expectOut(run, 'kill -l 143; kill -l | head -n 2', 'TERM\nHUP\nINT\n')
  // bash: names become numbers, and the list is its numbered table
  await expectOut(run, "bash -c 'kill -l TERM sigkill 9; kill -l | head -n 1'", '15\n9\nKILL\n 1) SIGHUP\t 2) SIGINT\t 9) SIGKILL\t10) SIGUSR1\t12) SIGUSR2\n')
  const bad = await run("bash -c 'kill -l NOPE'; echo $?")
  assert.equal(bad.stdout, '1\n')
  assert.equal(bad.stderr, 'bash: line 1: kill: NOPE: invalid signal specification\n')
  const r = await run('kill 99999; echo $?; kill %5; echo $?')
  assert.equal(r.stdout, '1\n1\n')
  assert.equal(r.stderr, 'sh: 1: kill: 99999: process not found\nsh: 1: kill: %5: no such job\n')
})

test('kill -0 sends nothing: it tells whether a process exists and may be signalled', async () => {
  await expectOut(run, 'sleep 10 & kill -0 $!; echo $?; /bin/kill -0 $!; echo $?; kill -s 0 %1; echo $?; kill $!; wait $!; kill -0 $! 2>/dev/null; echo $?', '0\n0\n0\n1\n')
  await expectOut(run, '/bin/kill -0 99999 2>/dev/null; echo $?', '1\n')
  // another user's process exists but may not be signalled
  await expectOut(run, 'su glenda -c "kill -0 1" 2>/dev/null; echo $?', '1\n')
})

test('fg waits for a job; bg of a running job says so', async () => {
  await expectOut(run, '(sleep 0.02; exit 4) & bg; fg %1; echo $?', '(sleep 0.02; exit 4)\n4\n')
})

test('a stopped job: jobs lists it Stopped, bg and fg continue it, kill ends it', async () => {
  await expectOut(
    run,
    'sleep 1000 & kill -STOP %1; sleep 0; jobs; ps | grep -c \'[S]topped *sleep 1000\'; bg; jobs; kill -STOP %1; sleep 0; kill %1; wait %1; echo $?',
    '[1]+  Stopped                 sleep 1000\n1\n[1]+ sleep 1000 &\n[1]+  Running                 sleep 1000 &\n143\n',
  )
  await expectOut(run, '(sleep 0.05; echo out; exit 3) & kill -STOP %1; sleep 0.1; jobs; fg; echo "status $?"', '[1]+  Stopped                 (sleep 0.05; echo out; exit 3)\n(sleep 0.05; echo out; exit 3)\nout\nstatus 3\n')
  await expectOut(run, 'sleep 1000 & sleep 1000 & kill -STOP %1; sleep 0; jobs; kill -CONT %1; sleep 0; jobs; kill %1 %2', '[1]+  Stopped                 sleep 1000\n[2]-  Running                 sleep 1000 &\n[1]-  Running                 sleep 1000 &\n[2]+  Running                 sleep 1000 &\n')
})

test('a killed process shows up as 128 + signal', async () => {
  await expectOut(run, 'sh -c \'kill $$\'; echo $?', '143\n')
})

test('trap: EXIT, signals, ignoring, resetting, listing', async () => {
  await expectOut(run, 'trap "echo bye" EXIT; echo hi', 'hi\nbye\n')
  await expectOut(run, 'trap "echo bye \\$?" 0; exit 3', 'bye 3\n', 3)
  await expectOut(run, 'trap "echo caught TERM" TERM; kill $$; echo after', 'caught TERM\nafter\n')
  await expectOut(run, 'trap "echo hup" HUP; trap "echo int" INT; kill -HUP $$; kill -INT $$; echo done', 'hup\nint\ndone\n')
  await expectOut(run, 'trap "" TERM; kill $$; echo survived', 'survived\n')
  await expectOut(run, 'trap "echo x" TERM; trap - TERM; kill $$; echo not-reached', '', 143)
  await expectOut(run, "trap 'echo a' EXIT; trap 'echo b' INT; trap", "trap -- 'echo a' EXIT\ntrap -- 'echo b' INT\na\n")
  await expectOut(run, 'trap "echo in-sub" EXIT; (trap "echo sub-exit" EXIT; echo sub); echo main', 'sub\nsub-exit\nmain\nin-sub\n')
  const r = await run('trap "echo x" BOGUS; echo $?')
  assert.equal(r.stdout, '1\n')
  assert.equal(r.stderr, 'sh: 1: trap: BOGUS: bad trap\n')
})

test('a trap that signals its own shell again runs for ever, as in dash, yet leaves the host its turns and ends with the run', async () => {
  let turns = 0
  const timer = setInterval(() => turns++, 5)
  const r = await run("trap 'n=$((n+1)); kill -INT $$' INT; kill -INT $$; echo never", { timeoutMs: 300 })
  clearInterval(timer)
  assert.deepEqual([r.stdout, r.exitCode, r.ended], ['', 124, 'timeout'])
  assert.ok(turns >= 10, `the host had ${turns} timer turns in 300 ms`)
})

test('wait is interrupted by a trapped signal', async () => {
  await expectOut(run, 'trap "echo got" USR1; sleep 10 & (sleep 0.02; kill -USR1 $$) & wait %1; echo $?; kill %1', 'got\n138\n')
})

test('a background subshell is the process $! names, so its own traps answer kill $!', async () => {
  await expectOut(run, '( trap "echo got TERM; exit 7" TERM; sleep 5 & wait ) & sleep 0.1; kill $!; wait $!; echo $?', 'got TERM\n7\n')
  await expectOut(run, '(echo piped; exit 3) | cat; x=1; (x=2; echo $x) & wait; echo $x', 'piped\n2\n1\n')
})

test('disown takes jobs out of the table; -h keeps them listed; errors as bash', async () => {
  await expectOut(run, "bash -c 'sleep 5 & sleep 5 & disown; jobs; disown -h %1; jobs; disown -a; jobs; kill %1'; echo $?", '[1]+  Running                 sleep 5 &\n[1]+  Running                 sleep 5 &\n1\n')
  const r = await run("bash -c 'disown; echo $?; disown %4; echo $?; disown -x; echo $?'")
  assert.equal(r.stdout, '1\n1\n2\n')
  assert.equal(r.stderr, 'bash: line 1: disown: current: no such job\nbash: line 1: disown: %4: no such job\nbash: line 1: disown: -x: invalid option\ndisown: usage: disown [-h] [-ar] [jobspec ... | pid ...]\n')
})
