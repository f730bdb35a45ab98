max() { local m=$1; shift; for x; do (( x > m )) && m=$x; done; echo "$m"; }
echo "$(max 3 9 2 7)"
is_even() { (( $1 % 2 == 0 )); }
for n in 1 2 3 4; do is_even "$n" && echo "$n even" || echo "$n odd"; done
