mapfile -t nums < <(seq 5 -1 1)
echo "${nums[@]}"
total=0; for n in "${nums[@]}"; do ((total += n)); done
echo "$total"
