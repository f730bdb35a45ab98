for i in 1 2 3; do
  for j in a b c; do
    [ $j = b ] && continue 2
    [ $i = 3 ] && break 2
    echo "$i$j"
  done
done
n=0
while [ $n -lt 5 ]; do
  n=$((n+1))
  while true; do break; done
  [ $n -eq 2 ] && continue
  echo "n=$n"
done
for k in x y; do
  while break; do echo never; done
  echo "k=$k"
done
