printf 'one two three\n' | { read a b; echo "a=$a b=$b"; }
printf 'x\n' | { read a b; echo "a=$a b=[$b]"; }
printf 'no newline' | { read a; echo "st $? a=$a"; }
printf '' | { read a; echo "st $? a=[$a]"; }
