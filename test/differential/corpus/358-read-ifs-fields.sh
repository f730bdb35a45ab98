printf 'a b  c\n' | { read x y; echo "[$x][$y]"; }
printf '  lead trail  \n' | { read x; echo "[$x]"; }
printf '  lead trail  \n' | { IFS= read x; echo "[$x]"; }
printf 'a:b::c\n' | { IFS=: read p q r s; echo "[$p][$q][$r][$s]"; }
printf 'a\\\nb\n' | { read x; echo "[$x]"; }
printf 'a\\\nb\n' | { read -r x; echo "[$x]"; }
printf 'no newline' | { read x; echo "status $? [$x]"; }
printf '' | { read x; echo "empty status $?"; }
