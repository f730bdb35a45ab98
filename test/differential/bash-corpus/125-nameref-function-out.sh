set_result() { local -n out=$1; out="computed $2"; }
set_result answer 42
echo "$answer"
get_count() { local -n _arr=$1; echo "${#_arr[@]}"; }
items=(a b c d)
get_count items
