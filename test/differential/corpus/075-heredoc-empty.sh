cat <<EOF
EOF
echo "after: $?"
wc -l <<EOF
EOF
