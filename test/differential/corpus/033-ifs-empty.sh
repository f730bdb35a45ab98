v='a b c'
IFS=
for w in $v; do echo "[$w]"; done
unset IFS
for w in $v; do echo "[$w]"; done
