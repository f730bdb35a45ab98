for x in 42 -7 3.5 abc "" 007; do
  if [[ $x =~ ^-?[0-9]+$ ]]; then echo "$x int $((10#${x#-}))"; else echo "[$x] not int"; fi
done
