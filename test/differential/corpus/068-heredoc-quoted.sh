x=world
cat <<'EOF'
hello $x
no $(expansion) here
EOF
cat <<"E"
also $x
E
cat <<\Q
backslash $x
Q
