x=3
echo $(( ( x + 1 ) * ( x - 1 ) ))
echo $(( $(echo 6) * 7 ))
echo $(( $((2+2)) * 2 ))
set -- a b c
echo $(($# * 10))
