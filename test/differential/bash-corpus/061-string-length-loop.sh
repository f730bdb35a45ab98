s=abcdef
for ((i=0; i<${#s}; i++)); do printf '%s-' "${s:i:1}"; done
echo
rev=""
for ((i=${#s}-1; i>=0; i--)); do rev+=${s:i:1}; done
echo "$rev"
