set -- one "two three" "" four
echo "$#"
for a in "$@"; do printf '[%s]' "$a"; done; echo
for a in $@; do printf '[%s]' "$a"; done; echo
for a in "$*"; do printf '[%s]' "$a"; done; echo
shift 2; echo "$# $1"
set --; echo "$# [${1-none}]"
set -- 1 2 3 4 5 6 7 8 9 10 11
echo "$10 ${10} ${11}"
f() { echo "in f: $# $1"; }; f x y
echo "after f: $#"
