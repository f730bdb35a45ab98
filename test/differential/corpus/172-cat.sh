printf 'a\nb\n' > f1
printf 'c\n' > f2
cat f1 f2
cat f1 - f2 <<EOF
stdin
EOF
cat < f2
cat nope 2>/dev/null; echo "st $?"
cat f1 nope f2 2>/dev/null; echo "st $?"
