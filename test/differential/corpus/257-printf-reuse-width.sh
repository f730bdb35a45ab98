printf '%3s|%-3s|\n' a b c d e
printf '%*d|\n' 5 42
printf '%s=%d\n' a 1 b 2 c
printf '%03d:%02d\n' 7 5
