declare -A count
for w in the cat the dog the end; do count[$w]=$(( ${count[$w]:-0} + 1 )); done
for k in $(printf '%s\n' "${!count[@]}" | sort); do echo "$k ${count[$k]}"; done
