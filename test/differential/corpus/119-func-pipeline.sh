up() { tr a-z A-Z; }
echo hello | up
lines() { while read l; do echo "> $l"; done; }
printf 'a\nb\n' | lines
up <<EOF
heredoc
EOF
