x=global
f() { x=changed-by-f; y=new-in-f; }
f; echo "$x $y"
g() { echo "args: $#"; return 3; }
g a b; echo "status $?"
h() { echo "$1"; shift; echo "$1"; }
set -- outer1 outer2
h inner1 inner2
echo "$1"
r() { if [ "$1" -gt 0 ]; then r $(($1 - 1)); echo "depth $1"; fi; }
r 3
unset -f f; f 2>/dev/null; echo "unset -f: $?"
