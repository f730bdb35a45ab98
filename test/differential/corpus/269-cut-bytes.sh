echo abcdef | cut -b 2-4
echo abcdef | cut -b 1,6
printf 'x:y\n' | cut -d : -f 1 -s
