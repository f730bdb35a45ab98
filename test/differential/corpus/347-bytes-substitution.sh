x=$(printf '\377'); printf %s "$x" | wc -c
y=$(printf 'a\300\200b\355\240\200c'); printf '%s' "$y" | od -An -tx1
v=$(printf '\303\251t\351'); printf '%s|' "$v" | od -An -tx1
echo "$(printf '\377\376')" | wc -c
set -- $(printf 'a\377 b\376'); echo "$#"; printf '%s' "$1" | wc -c
