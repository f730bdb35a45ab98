printf '3 c\n1 a\n2 b\n1 z\n' > f
sort -n f
sort -k 2r f
sort -n -u -k 1,1 f
sort -r -k 1,1n -k 2 f
printf 'x\n\ny\n\n' | sort
