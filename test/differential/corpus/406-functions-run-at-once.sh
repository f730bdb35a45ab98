# function calls, tests, arithmetic and assignments that finish without waiting, beside ones that wait
fib() {
  if [ $1 -lt 2 ]; then r=$1; return; fi
  fib $(($1 - 1))
  set -- $1 $r
  fib $(($1 - 2))
  r=$(($2 + r))
}
fib 15; echo "fib $r"
# return out of nested functions and loops: only the innermost function ends
inner() { for i in 1 2 3; do while :; do [ $i -eq 2 ] && return $i; break; done; echo "inner $i"; done; echo never; }
outer() { inner; echo "outer got $?"; inner; return $(($? + 40)); echo never; }
outer; echo "outer $?"
# set -e inside a function stops the script at a failing simple command, not in conditions
( set -e; g() { [ 1 -eq 1 ]; if [ 2 -lt 1 ]; then :; fi; [ 3 -gt 4 ] || echo "or-list"; [ 5 -lt 4 ]; echo never; }; g; echo never ); echo "errexit $?"
( set -e; k() { false; echo "k goes on"; }; if k; then echo "k true"; fi; k && echo "k and"; ! k; echo "k end" ); echo "errexit ignored $?"
( set -e; h() { x=$((1 + 1)); false; echo never; }; h ); echo "errexit in function $?"
# a trap set in a function runs at the end of the command that received the signal
t() { trap 'echo "trap $n"' USR1; n=1; kill -USR1 $$; n=2; [ $n -eq 2 ]; }
t; echo "t $?"; trap - USR1
# a function that reads, and one whose body waits in the middle
printf '3\n4\n' > nums
sum() { s=0; while read v; do s=$((s + v)); done; echo "sum $s"; }
sum < nums
w() { a=$(echo 5); [ $a -eq 5 ] && b=$((a * 2)); echo "w $b"; }
w
# integer tests that are not plain decimals go the long way, with the same answers
for pair in '08 9' '-0 0' '007 7' ' 3 3' '3 x' '-5 -6'; do
  set -- $pair
  [ "$1" -lt "${2-}" ] 2>/dev/null; a=$?
  [ "$1" -eq "${2-}" ] 2>/dev/null; b=$?
  test "$1" -ge "${2-}" 2>/dev/null; c=$?
  echo "[$pair] $a $b $c"
done
[ 1 -lt ] 2>/dev/null; echo "short $?"
[ 1 -lt 2 3 ] 2>/dev/null; echo "long $?"
[ 1 -lt 2 2>/dev/null; echo "unclosed $?"
[ ! -lt 2 ] 2>/dev/null; echo "bang $?"
# fields of one expansion: split by IFS, globbed, or empty
touch g1 g2
x='a b'; set -- $x; echo "split $#"
x='g*'; set -- $x; echo "glob $# $*"
x=; set -- $x; echo "empty $#"
IFS=1; set -- $((10 + 1)) $((2 + 3)); echo "ifs digits $# [$1] [$2] [$3]"; IFS=' 	
'
y=$((7 * 6)) z=$y; echo "assigned $y $z"
set -u; ( echo $undefined_var ) 2>/dev/null; echo "nounset $?"; ( q=$undefined_var ) 2>/dev/null; echo "nounset assign $?"; set +u
