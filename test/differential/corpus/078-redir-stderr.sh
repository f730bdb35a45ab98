{ echo out; echo err >&2; } 2>/dev/null
{ echo out; echo err >&2; } >/dev/null 2>&1
echo "---"
{ echo out; echo err >&2; } 2>&1 | sort
{ echo out; echo err >&2; } 2>e >/dev/null; cat e
