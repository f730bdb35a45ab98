v="a   b"
f() { local x=$1 y=$v; echo "[$x] [$y]"; }
f "1  2"
export e=$v; echo "[$e]"
readonly r=$v; echo "[$r]"
