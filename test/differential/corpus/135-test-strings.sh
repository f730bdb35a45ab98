t() { if test "$@"; then echo "$* T"; else echo "$* F"; fi; }
t abc = abc
t abc = abd
t abc != abd
t -z ""
t -z x
t -n x
t -n ""
t x
t ""
[ "a b" = "a b" ] && echo "bracket eq"
