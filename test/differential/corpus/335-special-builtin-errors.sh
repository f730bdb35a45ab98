set -- a b
shift 5 2>/dev/null
echo "not reached"
