echo() { printf 'func:%s\n' "$*"; }
echo hi
command echo real
unset -f echo
echo back
