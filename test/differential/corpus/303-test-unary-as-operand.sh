t() { [ "$@" ] 2>/dev/null; echo "$*: $?"; }
t -f
t -d -d
t -e -a -e
t -r = -r
t -n = -n
t -z = x
t -t
t -h
t -z "" -a -n x
t x -a ""
t "" -o x
t 1 -eq 1 -eq 1
t a b
t a b c
t ")"
t "("
