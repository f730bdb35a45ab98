printf 'a\\b c\n' | { read x; printf '%s\n' "$x"; }
printf 'a\\b c\n' | { read -r x; printf '%s\n' "$x"; }
printf 'cont\\\nline\n' | { read x; printf '%s\n' "$x"; }
printf 'cont\\\nline\n' | { read -r x; printf '%s\n' "$x"; }
