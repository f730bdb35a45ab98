printf 'abc\n' > a; printf 'abc\n' > b; printf 'abd\n' > c
cmp a b; echo "st $?"
cmp a c >/dev/null; echo "st $?"
cmp -s a c; echo "st $?"
cmp a c | grep -c '^a c differ: '
cmp a nope 2>/dev/null; echo "st $?"
