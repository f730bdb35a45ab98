declare -A memo
fib() {
  local n=$1
  if [[ -n ${memo[$n]} ]]; then echo "${memo[$n]}"; return; fi
  if (( n < 2 )); then memo[$n]=$n; echo "$n"; return; fi
  local a b
  a=$(fib $((n-1))); b=$(fib $((n-2)))
  memo[$n]=$((a+b))
  echo $((a+b))
}
fib 11
