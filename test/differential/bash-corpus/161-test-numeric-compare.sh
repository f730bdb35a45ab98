a=10 b=9
[ "$a" -gt "$b" ] && echo "gt"
[[ $a -ge 10 && $b -lt 10 ]] && echo "range"
(( a > b )) && echo "arith gt"
[[ "$a" > "$b" ]] && echo "string gt" || echo "string not gt"
