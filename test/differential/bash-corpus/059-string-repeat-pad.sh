line=$(printf '%*s' 20 '' | tr ' ' '-')
echo "$line"
printf '%-10s|%5s|\n' name qty apple 3 kiwi 12
printf '%05d %x %o %.2f\n' 42 255 8 3.14159
