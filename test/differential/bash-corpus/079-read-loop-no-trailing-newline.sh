printf 'a\nb\nc' > f.txt
while IFS= read -r line || [[ -n $line ]]; do echo "<$line>"; done < f.txt
