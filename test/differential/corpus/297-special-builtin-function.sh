f() { echo fine; }
f
eval 'break() { :; }' 2>/dev/null
echo "not reached"
