( echo out; echo err >&2 ) > o 2> e
cat o e
( echo a; echo b ) | ( read x; read y; echo "$y$x" )
{ echo first; exit 0; echo never; } | cat
echo "after pipe"
