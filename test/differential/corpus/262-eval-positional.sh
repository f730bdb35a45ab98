set -- "a b" c
eval 'set -- "$@" "d e"'
echo $#
for x in "$@"; do echo "[$x]"; done
v='$1'
eval "echo $v"
