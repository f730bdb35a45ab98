t() { if test "$@"; then echo "$* T"; else echo "$* F"; fi; }
mkdir d; touch f; printf x > s
t -e f
t -e nope
t -f f
t -f d
t -d d
t -d f
t -s s
t -s f
t -r f
t -w f
t -e d
