echo *.none
echo [z]*
set -f
echo *
set +f
x='*.c'
touch one.c two.c
echo $x
echo "$x"
case one.c in *.c) echo "case matches";; esac
