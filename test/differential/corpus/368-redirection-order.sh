{ echo out; echo err >&2; } > both 2>&1
sort both
{ echo out; echo err >&2; } 2>&1 > only-out | sed 's/^/piped: /'
cat only-out
echo first > f; echo second >> f; cat f
: > f; wc -c < f
exec 3>&1; { echo to3 >&3; } 3>/dev/null; echo "restored" >&3
cat < f > g; wc -c < g
echo x >f 2>/dev/null >g; cat f g
