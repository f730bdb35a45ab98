printf 'tab[\t] nl[\n] bs[\\] oct[\101\0102] bell-less\n'
printf '%s\n' 'a\tb'
printf '%b\n' 'a\tb' '\0101' 'x\cy' 'after'
echo
printf '%b|\n' '\\'
