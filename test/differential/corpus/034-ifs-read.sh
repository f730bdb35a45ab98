printf 'a:b:c\n' | { IFS=: read x y z; echo "$x-$y-$z"; }
printf 'a:b:c:d\n' | { IFS=: read x y; echo "$x|$y"; }
printf '  spaced   out  \n' | { read x; echo "[$x]"; }
printf '  spaced   out  \n' | { IFS= read x; echo "[$x]"; }
