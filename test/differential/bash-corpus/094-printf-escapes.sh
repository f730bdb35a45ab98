printf 'a\tb\n'
printf '%s\n' 'a\tb'
printf '%b\n' 'a\tb'
printf '%c%c\n' hello world
printf '[%5.2s]\n' abcdef
printf '%d%%\n' 50
