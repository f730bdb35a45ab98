cat <<EOF | sort | head -n 2
zeta
alpha
mid
EOF
