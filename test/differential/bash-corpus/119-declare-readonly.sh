readonly PI=3.14
echo "$PI"
( PI=3 ) 2>/dev/null || echo "cannot change"
declare -r CONST=fixed
echo "$CONST"
