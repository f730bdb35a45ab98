printf '%b' '\0101\0102\n'
printf '%b' '\101\n' | od -An -c
printf '%b\n' '\0377' | od -An -tx1
printf '%s%b%s\n' a '\n' b
x=$(printf '%b' '\0200'); printf '%s' "$x" | od -An -tx1
