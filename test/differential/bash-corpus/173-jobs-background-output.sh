tmp=out.txt
{ echo one; sleep 0.1; echo two; } > "$tmp" &
wait $!
cat "$tmp"
