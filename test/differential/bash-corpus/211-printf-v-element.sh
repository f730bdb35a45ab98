declare -a out
for i in 1 2 3; do printf -v 'out[i]' '%03d' "$((i * 7))"; done
echo "${out[@]}"
declare -A m
for k in x y; do printf -v "m[$k]" '%s!' "$k"; done
echo "${m[x]} ${m[y]}"
printf -v 'cell[2+1]' '%s' three
echo "${!cell[@]} ${cell[3]}"
