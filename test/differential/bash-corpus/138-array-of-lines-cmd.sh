printf 'b\na\nc\n' > list.txt
mapfile -t sorted < <(sort list.txt)
echo "${sorted[@]}"
IFS=$'\n' read -r -d '' -a arr < list.txt
echo "${#arr[@]} ${arr[2]}"
