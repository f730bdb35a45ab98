# a bad number prints a message, counts as far as it parsed, and printf goes on (status 1)
printf '%d %s\n' abc def; echo "status $?"
printf '%d|%d\n' 1a 7 2>/dev/null; echo "status $?"
printf '%d\n' "'A" '"B'; echo "status $?"
printf '%i %u %o %x %X\n' 010 3 8 255 0x1f; echo "status $?"
printf '%s-%s\n' a b c 2>/dev/null; echo "status $?"
printf '%d\n' 99999999999999999999 2>/dev/null; echo "status $?"
