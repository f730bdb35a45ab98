mkdir -p r/s/t
touch r/f1 r/s/f2 r/s/t/f3
walk() {
  local d=$1 indent=$2
  for e in "$d"/*; do
    echo "$indent${e##*/}"
    [[ -d $e ]] && walk "$e" "  $indent"
  done
}
walk r ""
