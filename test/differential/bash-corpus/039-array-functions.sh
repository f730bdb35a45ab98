sum() { local total=0 n; for n in "$@"; do (( total += n )); done; echo $total; }
nums=(1 2 3 4)
sum "${nums[@]}"
add() { arr+=("$1"); }
arr=(); add x; add y; echo "${arr[@]}" ${#arr[@]}
stack=(); stack+=(a); stack+=(b); echo ${stack[-1]}; unset 'stack[-1]'; echo ${#stack[@]}
