printf 'a:b:c\n1:2:3\n' > f
cut -d : -f 2 f
cut -d : -f 1,3 f
cut -d : -f 2- f
cut -c 1-3 <<EOF
abcdef
EOF
cut -c 2 f
echo 'no delim' | cut -d : -f 2
echo 'no delim' | cut -d : -s -f 2
printf 'a\tb\tc\n' | cut -f 2
