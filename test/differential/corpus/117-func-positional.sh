set -- a b
f() { echo "f: $1 $#"; set -- z; echo "f2: $1"; }
f x y z
echo "main: $1 $#"
s() { shift; echo "$@"; }
s 1 2 3
echo "main: $*"
