printf 'a1\nb2\n' > x; printf 'a3\n' > y
grep a x y
grep -c a x y
grep -l a x y
grep -h a x y
echo a | grep -q a; echo $?
grep -e 1 -e 3 x y
