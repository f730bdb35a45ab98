t() { test "$@" 2>/dev/null; echo "test $* -> $?"; }
t '(' ')'
t '(' x ')'
t '(' '' ')'
t '(' -z ')'
t ! '(' x ')'
t ! ! x
t ! ! ''
t ! = =
t = = =
t '(' = ')'
t ! -z
t ! -n
t -z -z
t '(' -n x ')' -a '(' -z '' ')'
t x = x -o y = z -a a = b
