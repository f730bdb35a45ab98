RANDOM=42
n=$(( RANDOM % 10 ))
(( n >= 0 && n < 10 )) && echo "in range"
a=$RANDOM b=$RANDOM
[[ $a != "$b" || $a == "$b" ]] && echo "random read"
