while read a b; do echo "$b $a"; done <<EOF
1 one
2 two
3 three
EOF
