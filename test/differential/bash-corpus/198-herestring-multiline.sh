data=$'line one\nline two\nline three'
while read -r first rest; do echo "$first:$rest"; done <<< "$data"
grep -c line <<< "$data"
