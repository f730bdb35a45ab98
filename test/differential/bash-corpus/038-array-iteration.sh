files=("a file.txt" "b.txt" "c d e.txt")
for f in "${files[@]}"; do echo "<$f>"; done
echo "count: ${#files[@]}"
for i in "${!files[@]}"; do echo "$i: ${files[i]}"; done
files=("${files[@]/.txt/.md}"); echo "${files[@]}"
printf '%s\n' "${files[@]#* }"
echo "${files[@]:1}"
joined=$(IFS=,; echo "${files[*]}"); echo "$joined"
