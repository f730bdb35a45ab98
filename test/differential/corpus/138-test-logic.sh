t() { if test "$@"; then echo "$* T"; else echo "$* F"; fi; }
t ! -n ""
t ! a = a
t a = a -a b = b
t a = a -a b = c
t a = b -o b = b
t \( a = a \) -a \( b = b \)
