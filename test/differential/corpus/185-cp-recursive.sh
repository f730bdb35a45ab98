mkdir -p tree/sub; echo a > tree/a; echo b > tree/sub/b
cp -r tree copy
find copy | sort
cat copy/sub/b
mkdir dest; cp -r tree dest; find dest | sort
cp tree x 2>/dev/null; echo "st $?"
