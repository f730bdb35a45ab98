printf 'one 1\ntwo 2\nthree 3\n' > data.txt
while read -r word num; do
  echo "$num:$word"
done < data.txt
n=0; while IFS= read -r line; do ((n++)); done < data.txt; echo "lines=$n"
