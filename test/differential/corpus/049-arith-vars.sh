a=5 b=3
echo $((a+b)) $(($a*$b)) $((a-b*2))
c=$((a*10))
echo $c
unset z
echo $((z+1))
n=' 7 '
echo $((n*2))
