printf '%s\n' c b a > f
mapfile -t arr < f
for i in "${!arr[@]}"; do printf '%d:%s ' "$i" "${arr[i]}"; done; echo
mapfile -t -O 3 arr < f
echo "${#arr[@]} ${arr[3]}"
