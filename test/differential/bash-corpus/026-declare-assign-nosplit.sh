v="a   b"
f() { local x=$1 y=$v; echo "[$x] [$y]"; }
f "1  2"
export e=$v; echo "[$e]"
declare d=$v; echo "[$d]"
readonly r=$v; echo "[$r]"
