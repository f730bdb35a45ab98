g() { local tmp=scratch; echo x > "$tmp"; trap "rm -f $tmp" EXIT; echo "made $tmp"; }
g
[[ -f scratch ]] && echo "still there until exit"
