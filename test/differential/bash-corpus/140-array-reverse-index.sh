a=(1 2 3 4 5)
for ((i=${#a[@]}-1; i>=0; i--)); do printf '%s ' "${a[i]}"; done; echo
for i in "${!a[@]}"; do (( a[i] *= 10 )); done
echo "${a[@]}"
