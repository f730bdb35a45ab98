x=1
x=2 command :
echo "after command: $x"
x=3 :
echo "after special: $x"
f() { echo "in f: $y"; }
y=inner f
echo "after f: ${y-unset}"
