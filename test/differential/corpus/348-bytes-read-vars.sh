printf '\377\376 x\n\200\n' > bin
while IFS= read -r line; do printf '%s' "$line" | od -An -tx1; done < bin
read -r a b < bin; printf '%s/%s' "$a" "$b" | od -An -tx1
z=$(cat bin); echo "$z" | cmp - bin && echo "round trip"
export e="$(printf '\351')"
sh -c 'printf %s "$e"' | od -An -tx1
case $(printf '\377') in $(printf '\377')) echo "pattern matches";; esac
