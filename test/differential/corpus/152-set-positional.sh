set -- -a -- b
echo $# "$1" "$2" "$3"
set a b c
echo "$*"
set -- "$@" d
echo "$*"
