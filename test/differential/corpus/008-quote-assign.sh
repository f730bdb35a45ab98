a="x y"
b=$a
echo "$b"
c="$a z"
echo "$c"
d='$a'
echo "$d"
e=$a$a
echo "$e"
