printf '%x %X %o\n' 255 255 8
printf '%#x %#o\n' 255 8
printf '%+d % d\n' 5 5
printf '%d\n' "'A"
printf '%u\n' 42
printf '%.3d\n' 7
printf '%d %d\n' 0x10 010
