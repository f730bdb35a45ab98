declare -A conf=([a]=1)
setkey() { local -n m=$1; m[$2]=$3; }
setkey conf b 2
setkey conf c 3
for k in $(printf '%s\n' "${!conf[@]}" | sort); do echo "$k=${conf[$k]}"; done
