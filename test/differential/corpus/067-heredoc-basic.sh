x=world
cat <<EOF
hello $x
sum $((1+2))
cmd $(echo sub)
"quotes" and 'single' stay
EOF
