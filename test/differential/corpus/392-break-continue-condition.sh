for i in 1 2 3; do
  while break; do echo never; done
  echo "outer $i"
done
for i in 1 2; do
  until break; do echo never; done
  echo "after until $i"
done
n=0
while [ $n -lt 2 ]; do
  n=$((n+1))
  if continue; then echo never; fi
done
echo "n=$n"
m=0
while m=$((m+1)); [ $m -le 3 ] || break; do
  [ $m = 2 ] && continue
  echo "m=$m"
done
