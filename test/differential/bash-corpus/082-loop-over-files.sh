touch a.txt b.txt c.log "with space.txt"
for f in *.txt; do echo "file: $f"; done
count=0; for f in *; do [[ -f $f ]] && ((count++)); done; echo "$count files"
for f in *.md; do echo "never $f"; done
