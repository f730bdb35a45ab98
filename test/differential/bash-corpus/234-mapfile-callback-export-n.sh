# bash: mapfile's -C callback every -c lines; export -n; unset of a readonly variable goes on with status 1
cb() { echo "cb $1: [$2] have ${#lines[@]}"; }
mapfile -t -C cb -c 2 lines < <(printf "l1\nl2\nl3\nl4 x'y\n"); echo "${#lines[@]}"
mapfile -C 'echo at' -c 1 -O 5 m < <(printf 'a\nb\n'); echo "${!m[@]}"
mapfile -c 0 z < /dev/null; echo "rc=$?"
export E=1; export -n E; env | grep -c '^E='; echo "E still $E"
export -n F=2; echo "F=$F"; env | grep -c '^F='
readonly R=1; unset R 2>/dev/null; echo "unset readonly $? R=$R"
