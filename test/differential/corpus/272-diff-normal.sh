printf 'a\nb\nc\n' > x
printf 'a\nB\nc\nd\n' > z
diff x z
echo "st $?"
diff -u x z | tail -n +3
