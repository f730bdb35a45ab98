x=5
(( x > 3 )) && echo gt
(( x == 4 )) || echo ne
(( y = x * 2, y += 1 ))
echo $y
(( 0 )); echo $?
(( 7 )); echo $?
let a=1+2 b=a*3
echo $a $b
let 'c = 2 ** 10'; echo $c
i=0; (( i++ )); echo $? $i
