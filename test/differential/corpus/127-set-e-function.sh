f() { false; echo "f continues"; }
( set -e; f; echo never )
echo "st $?"
( set -e; f || echo ignored; echo done )
