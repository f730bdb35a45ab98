x=1
cat <<EOF
dollar \$x is $x
backtick \`
backslash \\ and \q stays
EOF
