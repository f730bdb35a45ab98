printf '%s=%s\n' a 1 b 2 c
printf '%s,' x y z; echo
printf -v line '%03d-%s' 7 item
echo "$line"
