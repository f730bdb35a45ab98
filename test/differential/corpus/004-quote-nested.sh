echo "outer $(echo "inner 'single' $(echo "deep")")"
x="a b"
echo "$(printf '%s|' $x)"
echo '"'"'"
echo "'"'"'
echo "a"'b'c"d"
