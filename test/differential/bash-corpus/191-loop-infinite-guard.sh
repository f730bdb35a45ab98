n=0
while :; do
  ((n++))
  if ((n > 4)); then break; fi
done
echo "$n"
while true; do echo once; break; done
