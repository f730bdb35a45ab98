printf 'a b\n' | { read x y z; echo "[$x][$y][$z]"; }
printf ':x\n' | { IFS=: read a b; echo "[$a][$b]"; }
printf 'a  b   c\n' | { read x y; echo "[$x][$y]"; }
printf 'last line no newline' > f
while read l; do echo "loop [$l]"; done < f
echo "after [$l]"
