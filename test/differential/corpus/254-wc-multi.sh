printf 'a\nb\n' > x; printf 'c d e\n' > y
wc -w x y
wc -c x y
printf '' > z; wc -l z
printf 'one\n' | wc -w
