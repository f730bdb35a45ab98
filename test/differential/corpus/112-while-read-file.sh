printf 'a 1\nb 2\nc 3\n' > data
while read name num; do echo "$num:$name"; done < data
count=0
while read l; do count=$((count+1)); done < data
echo $count
