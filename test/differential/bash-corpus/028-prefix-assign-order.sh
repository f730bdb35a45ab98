FOO=foo BAR="[$FOO]" env | grep -E '^(FOO|BAR)=' | sort
a=1 b=$a; echo "$a $b"
x=1; x=2 y=$x sh -c 'echo $x $y'
