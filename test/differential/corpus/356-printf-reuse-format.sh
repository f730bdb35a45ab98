printf '%s=%s\n' a 1 b 2 c
printf '[%d]' 1 2 3; echo
printf '%s %s %s\n' x
printf 'no args\n' extra 2>/dev/null
printf '%c' hello world; echo
printf '%5.1s|%-3c|\n' abc d
