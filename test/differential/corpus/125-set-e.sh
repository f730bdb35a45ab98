( set -e; echo a; false; echo never )
echo "st $?"
( set -e; false || echo "or ok"; echo continues )
( set -e; if false; then :; fi; echo "if ok" )
( set -e; ! true; echo "bang ok" )
( set -e; false && true; echo "and ok" )
( set -e; while false; do :; done; echo "while ok" )
