x=1
( x=2; cd /; echo "in: $x $PWD" )
echo "out: $x $(basename "$PWD")"
{ x=3; }
echo "group: $x"
