# test(1) forms POSIX leaves open, read as dash reads them
t() { [ "$@" ] 2>/dev/null; echo "[ $* ] -> $?"; }
t -z -a -a
t -n -a -a
t -a -a
t -o -o
t x -a
t x -o
t '' -o
t -z -o -z
t -n -o -a
t ! -a !
