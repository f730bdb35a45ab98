printf 'a\nb\nc\n' > x
cp x y
diff x y; echo "st $?"
diff -u x y; echo "st $?"
printf 'a\nB\nc\n' > z
diff x z > /dev/null; echo "st $?"
diff x nope >/dev/null 2>&1; echo "st $?"
