cmd="echo"
args='"a b" c'
eval "$cmd $args"
for i in 1 2; do eval "var_$i=\$((i * 10))"; done
echo "$var_1 $var_2"
