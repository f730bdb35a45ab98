printf '%s|%s|%d\n' only
printf '%d\n' abc 2>/dev/null; echo "st $?"
printf 'no newline'
printf '\n'
printf -- '-dash\n'
