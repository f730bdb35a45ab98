declare -A ages
ages[alice]=30; ages[bob]=25; ages[carol]=35
for name in $(echo "${!ages[@]}" | tr ' ' '\n' | sort); do
  printf '%-6s %3d\n' "$name" "${ages[$name]}"
done
