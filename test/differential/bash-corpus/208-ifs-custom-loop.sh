data="a:b::c"
IFS=: read -ra parts <<< "$data"
echo "${#parts[@]}"
OLDIFS=$IFS
IFS=,
for x in $(echo "1,2,3"); do echo "[$x]"; done
IFS=$OLDIFS
