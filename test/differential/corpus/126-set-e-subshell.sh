( set -e; (false); echo never )
echo "st $?"
( set -e; x=$(false); echo "assign never" )
echo "st $?"
( set -e; false | true; echo "pipe ok" )
