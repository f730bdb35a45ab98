mkdir g && cd g
touch one two three
for f in *; do echo "file: $f"; done
for f in t*; do echo "t: $f"; done
