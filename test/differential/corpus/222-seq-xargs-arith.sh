total=0
for n in $(seq 1 10); do total=$((total+n)); done
echo $total
seq 1 5 | xargs -n 1 sh -c 'echo $(($1 * $1))' sh
