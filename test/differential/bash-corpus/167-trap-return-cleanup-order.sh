trap 'echo "EXIT trap"' EXIT
f() { echo "in f"; return 3; }
f
echo "f returned $?"
exit 2
