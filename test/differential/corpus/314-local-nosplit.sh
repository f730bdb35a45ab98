v='a b  c'
f() {
  local x=$v y=$1
  echo "[$x] [$y]"
  local z
  z=$v
  echo "[$z]"
}
f "1  2"
export e=$v
sh -c 'echo "[$e]"'
readonly r=$v
echo "[$r]"
