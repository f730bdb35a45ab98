a=(1 2 3 4)
unset 'a[1]'
echo "${a[@]} (${#a[@]}) ${!a[@]}"
unset a
echo "[${a[@]}] ${#a[@]}"
x=scalar
x[1]=more
echo "${x[@]}"
