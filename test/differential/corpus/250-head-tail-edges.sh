printf 'a\nb\nc\n' > f
head -n 1 f f f | wc -l
tail -n 0 f | wc -c
tail -n +1 f
tail -n +4 f | wc -c
head -c 0 f | wc -c
printf '' | head
printf 'x' | tail -n 1; echo
