times | wc -l
times | grep -c 's'
builtin echo "builtin echo" 2>/dev/null || echo "builtin echo"
type times | cut -d' ' -f1-3
