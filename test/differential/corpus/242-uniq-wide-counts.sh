seq 1 12 | sed 's/.*/x/' | uniq -c
printf 'b\na\nb\n' | sort | uniq -c
