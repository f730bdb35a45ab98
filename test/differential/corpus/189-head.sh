seq 1 20 > n
head n | wc -l
head -n 3 n
head -n 2 n n
head -c 5 n; echo
printf 'a\nb\n' | head -n 1
head -n 100 n | wc -l
head -n 0 n | wc -c
