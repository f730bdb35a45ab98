count=0
for i in {1..10}; do (( i % 3 == 0 )) && (( count++ )); done
echo "$count"
(( total = 5 * 4 + 2 ))
echo "$total"
x=7; (( x += 3, x *= 2 )); echo "$x"
echo $(( 2 ** 10 )) $(( 17 / 5 )) $(( 17 % 5 )) $(( -17 / 5 ))
