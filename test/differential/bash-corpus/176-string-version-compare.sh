vercmp() {
  local IFS=.
  local -a a=($1) b=($2)
  for ((i=0; i<${#a[@]} || i<${#b[@]}; i++)); do
    (( ${a[i]:-0} > ${b[i]:-0} )) && { echo ">"; return; }
    (( ${a[i]:-0} < ${b[i]:-0} )) && { echo "<"; return; }
  done
  echo "="
}
vercmp 1.2.10 1.2.9
vercmp 2.0 2.0.0
vercmp 0.9 1.0
