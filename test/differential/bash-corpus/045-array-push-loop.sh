files=()
for i in 1 2 3; do files+=("file $i.txt"); done
echo "${#files[@]}"
for f in "${files[@]}"; do echo "[$f]"; done
printf '%s\n' "${files[@]:1}"
