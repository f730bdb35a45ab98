for i in 1 2 3; do
  echo "line $i" >> log
done
wc -l < log
while read -r w n; do echo "$n-$w"; done < log
