echo plain words
echo -n no newline; echo
printf '%s|%s\n' a b c
printf '%5s|%-5s|\n' x y
printf '%d %i %x %o\n' 42 42 255 8
printf 'no args\n'
/bin/echo by path
PATH= ; echo still works; printf '%s\n' printf-too
