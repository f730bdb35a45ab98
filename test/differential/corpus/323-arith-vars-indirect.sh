v=w w=7
echo $((v + 1))
i=0
while [ $((i += 1)) -le 3 ]; do printf '%s ' "$i"; done; echo
c=3
: $((c = c * c))
echo $c
echo $((  1+  2  ))
e='1 + 2'
echo $((e * 2))
