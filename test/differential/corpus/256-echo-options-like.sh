echo -- -n
echo a -n
echo "-"
