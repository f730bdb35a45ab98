seq 1 10 | head -n 3 | tail -n 1
seq 1 10 | tail -n +9
seq 1 10 | head -c 4; echo
printf 'abc' | tail -c 2; echo
