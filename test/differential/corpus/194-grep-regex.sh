printf 'abc\na.c\nabbc\nac\n123\n' > f
grep 'a.c' f
grep 'a\.c' f
grep '^a' f | wc -l
grep 'c$' f
grep 'ab*c' f
grep -E 'ab+c' f
grep -E '^[0-9]+$' f
grep -E 'a(b|\.)c' f
grep -x ac f
grep -w abc f
grep '[[:digit:]]' f
