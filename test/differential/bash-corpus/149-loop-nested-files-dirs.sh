mkdir -p src/a src/b
touch src/a/x.c src/a/y.h src/b/z.c
for dir in src/*/; do
  n=0
  for f in "$dir"*.c; do [[ -e $f ]] && ((n++)); done
  echo "${dir%/} has $n .c files"
done
