x=val
cat <<"E"OF
partly quoted $x
EOF
cat <<E\OF
escaped $x
EOF
cat <<EOF
plain $x
EOF
