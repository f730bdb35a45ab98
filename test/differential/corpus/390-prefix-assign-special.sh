v=before
v=during :
echo "after special builtin: $v"
v=before
v=during true
echo "after regular builtin: $v"
f() { echo "f sees $v"; }
v=during f
echo "after function: $v"
IFS=: read a b <<EOT
x:y
EOT
echo "$a $b [$IFS]" | od -c | head -1 | cut -c1-20 >/dev/null
echo "$a $b"
