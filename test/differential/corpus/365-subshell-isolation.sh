x=1
( x=2; echo "inside $x" )
echo "outside $x"
(cd /; echo "sub pwd /")
echo "pwd kept: $(basename "$PWD")"
( exit 4 ); echo "status $?"
echo "$( echo nested $( echo deeper ) )"
y=$(x=3; echo $x); echo "$y $x"
{ x=4; }; echo "group $x"
echo hi | { read v; echo "pipeline sub: $v"; }
