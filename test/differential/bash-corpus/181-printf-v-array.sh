declare -a out
for i in 1 2 3; do printf -v cell '%03d' "$((i * 7))"; out+=("$cell"); done
echo "${out[@]}"
printf -v joined '%s-' a b c
echo "${joined%-}"
