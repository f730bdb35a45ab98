printf 'root:x:0\nuser:y:1\n' | while IFS=: read name pw id; do echo "$id $name $pw"; done
printf '  keep  \n' | while IFS= read -r l; do echo "[$l]"; done
