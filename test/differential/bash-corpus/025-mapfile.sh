printf 'a\nb\nc\n' > lines
mapfile -t arr < lines
echo ${#arr[@]} "${arr[1]}"
readarray rows < lines
printf '[%s]' "${rows[@]}"; echo
mapfile -t -n 2 two < lines; echo "${two[@]}"
mapfile -t -s 1 skip < lines; echo "${skip[@]}"
printf 'x,y,z' | { mapfile -d , -t parts; echo "${parts[2]} ${#parts[@]}"; }
mapfile -t < lines; echo "${MAPFILE[@]}"
