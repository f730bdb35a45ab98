x=$(printf '\200\201\202')
printf '%s' "$x" | od -An -tx1
printf '%s' "$x" | wc -c
y="$x$x"
echo "${#y}"
printf '%s\n' "${y%?}" | od -An -tx1
printf '%.1s\n' "$x" | od -An -tx1
