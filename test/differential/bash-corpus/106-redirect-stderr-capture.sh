out=$( { echo to-out; echo to-err >&2; } 2>&1 )
echo "$out"
err=$( { echo hidden; echo shown >&2; } 2>&1 >/dev/null )
echo "$err"
ls /nonexistent-dir 2>/dev/null || echo "ls failed"
