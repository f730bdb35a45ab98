x=5
if [ "$x" -gt 3 ] && [ "$x" -lt 10 ]; then echo inrange; fi
[ -n "$x" ] || echo empty
[ "$x" = 5 ] && [ ! -e nothing ] && echo both
test "$x" -eq 5 -o "$x" -eq 6 && echo either
[ -z "$unset_var" ] && echo "unset is empty"
[ "x$x" = x5 ] && echo prefixed
