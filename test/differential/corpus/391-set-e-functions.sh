set -e
f() { false; echo "after false in f"; }
if f; then echo "f in condition"; fi
f && echo "f in and-list" || true
g() { return 1; }
g || echo "g failed, handled"
x=$(false; echo "substitution goes on")
echo "$x"
h() { false; }
h
echo "not reached"
