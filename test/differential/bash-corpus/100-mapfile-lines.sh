printf 'l1\nl2\nl3\n' > in.txt
mapfile -t lines < in.txt
echo "${#lines[@]} ${lines[1]}"
readarray -t -s 1 rest < in.txt
echo "${rest[*]}"
mapfile -t -n 2 first < in.txt
echo "${first[@]}"
