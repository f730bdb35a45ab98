mkdir -p a/b/c
touch a/1.txt a/b/2.txt a/b/c/3.txt a/b/c/4.md
shopt -s globstar
for f in **/*.txt; do echo "$f"; done
echo a/**/
