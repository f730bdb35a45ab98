echo $(( 2 ** 10 )) $(( 2 ** 3 ** 2 )) $(( -2 ** 2 ))
echo $(( 2#1010 )) $(( 16#ff )) $(( 8#17 )) $(( 36#z )) $(( 64#_ ))
x=3; (( x = x ** 2 )); echo $x
a=(5 6 7); echo $(( a[1] + a[2] )); (( a[0]++ )); echo ${a[0]}
i=1; echo $(( a[i] * 2 ))
declare -A count; for w in a b a c a; do (( count[$w]++ )); done; echo ${count[a]} ${count[b]}
