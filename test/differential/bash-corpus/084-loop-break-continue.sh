for i in {1..10}; do
  (( i == 3 )) && continue
  (( i == 7 )) && break
  echo -n "$i "
done
echo
for i in 1 2; do for j in a b c; do [[ $j == b ]] && continue 2; echo "$i$j"; done; done
