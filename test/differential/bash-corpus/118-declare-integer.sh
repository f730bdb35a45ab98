declare -i x=5+3
echo "$x"
x="x * 2"
echo "$x"
declare -i y
y=abc
echo "[$y]"
