set -e
false || echo "or rescues"
false && echo "not printed"
echo "after and-list"
if false; then :; fi
while false; do :; done
! true
echo "after negation"
f() { false; echo "in f after false"; }
f || echo "f failed"
(false; echo "subshell goes on") || true
echo "end"
