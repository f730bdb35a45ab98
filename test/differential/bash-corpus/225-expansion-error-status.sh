# bash: ${x:?} and set -u fail a subshell (and a script) with 1, where dash's fail with 2; set -euo pipefail sees it
( : "${NOPE:?is required}" ); echo "subshell $?"
( set -u; echo "$UNSET_ONE" ); echo "nounset $?"
x=$( echo "${Q:?m}" ); echo "substitution $?"
f() { echo "${R:?m}"; echo never; }; ( f ); echo "function $?"
set -euo pipefail
( : "${NOPE:?is required}" ) 2>/dev/null | cat
echo not reached
