echo "outer $(echo "inner $(echo deep)")"
x=$(printf 'a\n\n\n')
echo "[$x]"
n=$(( $(echo 3) + $(echo 4) ))
echo "$n"
echo "`echo backticks`"
