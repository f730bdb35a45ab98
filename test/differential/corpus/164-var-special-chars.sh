v='a*b?c[d]'
printf '%s\n' "$v"
w="semi;colon|pipe"
printf '%s\n' "$w"
eval "z=\"$w\""
printf '%s\n' "$z"
