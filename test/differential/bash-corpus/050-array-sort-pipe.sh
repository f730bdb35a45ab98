nums=(5 3 9 1 7)
sorted=($(printf '%s\n' "${nums[@]}" | sort -n))
echo "${sorted[*]}"
echo "min=${sorted[0]} max=${sorted[-1]}"
