seq 1 20 > n
tail n | head -n 1
tail -n 3 n
tail -n +18 n
tail -c 6 n
printf 'x\ny\nz' | tail -n 1; echo
tail -n 2 n n
