printf 'plain\n'
printf '%s-%s\n' a b c d
printf '%s\n'
printf '[%5s][%-5s]\n' ab cd
printf '%d %i\n' 42 -7
printf '[%5d][%-5d][%05d]\n' 42 42 42
