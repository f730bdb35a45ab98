f() { echo function f; }
echo() { printf 'wrapped %s\n' "$*"; }
echo hello
command echo plain
unset -f echo
command -v f
command -v cd
command -v no-such-thing-xyz; echo "status $?"
command -V f 2>/dev/null | head -1 | cut -d' ' -f1-3
command -V no-such-thing-xyz; echo "-V status $?"
type no-such-thing-xyz; echo "type status $?"
command exit 3 2>/dev/null
echo "not reached"
