f() { echo "$FUNCNAME ${#FUNCNAME[@]}"; g; }
g() { echo "${FUNCNAME[*]}"; }
f
r=$RANDOM; (( r >= 0 && r < 32768 )) && echo random-ok
[ "$RANDOM" != "$RANDOM" ] && echo random-changes
echo $((SECONDS < 5))
echo line $LINENO
[[ $BASHPID =~ ^[0-9]+$ ]] && echo bashpid
