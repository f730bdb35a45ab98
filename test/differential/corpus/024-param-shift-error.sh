( set -- a; shift 2; echo never ) 2>/dev/null
echo "status $?"
set -- a b
shift 0
echo $#
