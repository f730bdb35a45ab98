x=5
if [[ ( $x -gt 3 && $x -lt 10 ) || $x -eq 100 ]]; then echo "in range"; fi
if [[ ! ( $x -lt 3 ) ]]; then echo "not small"; fi
[[ -n $x && $x != 0 ]] && echo ok
