mkdir g && cd g
touch a b
echo "*" '*' \* "a"*
x='*'
echo $x "$x"
