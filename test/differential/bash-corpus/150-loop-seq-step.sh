for i in $(seq 1 3 10); do echo -n "$i,"; done; echo
for i in {5..1}; do printf '%d' "$i"; done; echo
