# bash: functions of builtins, tests and arithmetic, with local variables, FUNCNAME and (( ))
function walk {
  local depth=$1
  if (( depth == 0 )); then echo "${FUNCNAME[*]}"; return 3; fi
  walk $((depth - 1))
  local got=$?
  [[ $got -eq 3 ]] && return $((got + depth))
}
walk 2; echo "walk $?"
count() { local n=0; while (( n < $1 )); do (( n++ )); [ $n -eq 50 ] && { echo "half"; }; done; echo "n=$n"; }
count 100
# test's integer forms the long way and the short way agree with bash's
for pair in '08 9' '-0 0' ' 3 3' '3 x' '-5 -6' '12 12'; do
  set -- $pair
  [ "$1" -le "${2-}" ] 2>/dev/null; a=$?
  test "$1" -ne "${2-}" 2>/dev/null; b=$?
  echo "[$pair] $a $b"
done
# errexit in a function called from a condition, and with a trap on ERR
( set -e; f() { false; echo "f goes on"; }; if f; then echo "f true"; fi; f; echo never ); echo "errexit $?"
( trap 'echo "err at $n"' ERR; g() { n=1; [ 1 -gt 2 ]; n=2; }; g; echo "g $?" )
# recursion whose results come back through a global and `set --`
fib() { if [ $1 -lt 2 ]; then r=$1; return; fi; fib $(($1 - 1)); set -- $1 $r; fib $(($1 - 2)); r=$(($2 + r)); }
fib 12; echo "fib $r"
set -u; ( q=$undefined_var ) 2>/dev/null; echo "nounset assign $?"
