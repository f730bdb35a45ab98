set -- a b
command shift 5 2>/dev/null
echo "shift status $?"
command eval 'a b c (' 2>/dev/null
echo "eval status $?"
command . ./no-such-file 2>/dev/null
echo "dot status $?"
