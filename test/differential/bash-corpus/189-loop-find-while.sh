mkdir -p tree/a tree/b
touch tree/a/1.txt tree/b/2.txt tree/b/3.log
find tree -name '*.txt' | sort | while read -r f; do echo "txt: $f"; done
count=$(find tree -type f | wc -l)
echo "$count files"
