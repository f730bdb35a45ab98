printf 'one two\nthree\n' > f
wc -l < f
wc -w < f
wc -c < f
wc -l f
wc f
printf 'no newline' | wc -l
printf 'a b\n' > g
wc -l f g
