get_parts() { echo "a b c"; }
read -r x y z <<< "$(get_parts)"
echo "$z $y $x"
result=$(get_parts | wc -w)
echo "$result"
