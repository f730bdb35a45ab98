t() { [ "$@" ] 2>/dev/null; echo "[ $* ] -> $?"; }
t ! -z -a -a
t ! x = x
t ! ! = !
t '(' -n ')' -a
t '(' x = y ')'
t -z -a -z ''
t x -o '' -a ''
t '' -a x -o x
t ! '' -o ''
t -n -a -z -a
t = = = =
