touch one.txt two.txt
for f in *.txt; do mv -- "$f" "${f%.txt}.md"; done
ls
