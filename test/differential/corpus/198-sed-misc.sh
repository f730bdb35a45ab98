printf 'a\nb\nc\n' > f
sed = f
sed 'y/abc/xyz/' f
sed '2q' f
sed '1!d' f
sed '$!d' f
printf 'x\n' | sed 's/x/a\
b/'
sed -n '/b/{p;p;}' f
