let a=5 b=a*2
echo "$a $b"
let a++
let "c = a + b"
echo "$a $c"
let 'd = 0' ; echo "let zero status $?"
