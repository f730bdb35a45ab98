s=abcdefgh
echo ${s:2} ${s:2:3} ${s: -3} ${s: -3:2} ${s:1:-2}
echo ${s:0:1} ${s:10} "[${s:8}]"
n=3; echo ${s:n:n-1}
set -- one two three four
echo ${@:2} / ${@:2:2} / ${@: -1}
a=(p q r s); echo ${a[@]:1:2}
