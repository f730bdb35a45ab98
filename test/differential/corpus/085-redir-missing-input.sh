cat < nope 2>/dev/null
echo "status $?"
( cat < nope ) 2>/dev/null || echo failed
