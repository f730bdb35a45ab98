t() { test "$@" 2>/dev/null; echo "test $* -> $?"; }
t ! '(' x = y ')'
t '(' ! x ')'
t '(' '(' x ')' ')'
t x = y -o ! x = y
t ! -n '' -a -n x
t '(' '' ')' -o '(' x ')'
t '(' x
t x ')'
