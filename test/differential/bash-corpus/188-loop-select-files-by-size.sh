printf '1234567890' > big.txt
printf '12' > small.txt
: > empty.txt
for f in *.txt; do
  size=$(wc -c < "$f")
  if (( size == 0 )); then echo "$f empty"; elif (( size > 5 )); then echo "$f big"; else echo "$f small"; fi
done
