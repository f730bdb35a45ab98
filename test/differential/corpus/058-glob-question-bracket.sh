mkdir g && cd g
touch a1 a2 a3 b1 ab
echo a?
echo [ab]1
echo a[!12]
echo a[1-2]
echo ??
