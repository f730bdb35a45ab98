printf '%-8s %6s %8s\n' NAME SIZE RATIO
while read -r n s; do
  printf '%-8s %6d %7.1f%%\n' "$n" "$s" "$(echo "scale=1; $s * 100 / 300" | awk '{print $0}')"
done <<'EOF'
alpha 100
beta 50
EOF
