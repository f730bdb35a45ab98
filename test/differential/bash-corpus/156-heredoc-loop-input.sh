while read -r host port; do
  echo "connect $host on $port"
done <<EOF
alpha 22
beta 80
EOF
