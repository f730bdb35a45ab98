echo abc | while read l; do echo "got $l"; done
f() { cat; echo "from f"; }
echo data | f
echo x | (read v; echo "sub $v")
