mkdir a b; echo 1 > a/f
mv a/f b/
ls a; ls b
mv b a
find a | sort
echo 2 > x; echo 3 > y
mv x y; cat y; ls
