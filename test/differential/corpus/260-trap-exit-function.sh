f() { exit 4; }
trap 'echo "trap sees $?"' EXIT
echo start
f
echo never
