printf 'x 3\ny 1\nz 2\n' | sort -k 2
printf 'x 3\ny 1\nz 10\n' | sort -k 2 -n
printf 'a:3\nb:1\nc:2\n' | sort -t : -k 2
printf 'b 1\na 1\nc 0\n' | sort -k 2,2 -k 1,1
printf 'b:2\na:2\nc:1\n' | sort -t : -k 2,2n -k 1,1r
