printf 'printf %%s "\377\n"\n' > s.sh
sh s.sh | od -An -tx1
b=$(printf '\376')
cat <<EOT | od -An -tx1
[$b]
EOT
printf '%s\n' "$b" "${b}x" | od -An -tx1
printf '%b' '\0377' | od -An -tx1
