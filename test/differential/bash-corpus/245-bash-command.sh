# bash: $BASH_COMMAND is the command running; in a trap, the one the trap interrupted; the ERR
# trap after a function call is placed at the call's line; a failing subshell, (( )) or [[ ]] is
# named whole
trap 'echo "err: [$BASH_COMMAND] line $LINENO"' ERR
false
f() {
  false
}
f
( exit 3 )
[[ -d /no/such/dir ]]
(( 1 > 2 ))
x=$(false)
echo "now: $BASH_COMMAND"
trap - ERR
trap 'echo "usr1 during: $BASH_COMMAND"' USR1
kill -USR1 $$
trap 'echo "exit after: $BASH_COMMAND"' EXIT
true the last command
