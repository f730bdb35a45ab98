set -e
false && true
true || false
false || true
! true
echo "still here"
f() { false; echo "in f"; }
f && echo "and"
false
echo "not reached"
