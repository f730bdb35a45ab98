f() { echo "ordinary f"; }
f
echo() { command echo "echo can be wrapped"; }
echo x
unset -f echo
eval 'export() { :; }' 2>/dev/null
echo "after export attempt: $?"
