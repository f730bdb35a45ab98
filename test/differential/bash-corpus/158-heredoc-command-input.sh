sort <<EOF | uniq -c | sort -rn | head -2
apple
banana
apple
cherry
apple
banana
EOF
