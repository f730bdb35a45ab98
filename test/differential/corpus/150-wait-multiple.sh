{ sleep 0.1; echo a > a.out; } &
{ echo b > b.out; } &
wait
cat a.out b.out
