add_item() { local -n list=$1; list+=("$2"); }
fruits=()
add_item fruits apple
add_item fruits "green pear"
printf '<%s>\n' "${fruits[@]}"
