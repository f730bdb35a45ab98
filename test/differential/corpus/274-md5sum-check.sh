printf 'abc' > f; printf 'xyz' > g
md5sum f g > sums
md5sum -c sums
printf 'changed' > g
md5sum -c sums 2>/dev/null; echo "st $?"
