x='line1
line2'
echo "$x"
echo $x
printf '%s\n' "a
b" | wc -l
