{ echo err >&2; } 2>&1 >/dev/null | cat
echo ---
{ echo err >&2; } >/dev/null 2>&1 | cat
echo done
