a=1
b="$a$a"
c=$((b+1))
d=${c}x
e=`echo $d`
f="$(echo "$e") $(echo $a)"
echo "$a|$b|$c|$d|$e|$f"
