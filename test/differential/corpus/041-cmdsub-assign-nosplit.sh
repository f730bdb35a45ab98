x=$(printf 'a   b')
echo "$x"
y=$x
echo "$y"
z=`printf '1  2'`
echo "$z"
