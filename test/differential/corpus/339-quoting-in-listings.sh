x="it's" y='plain' z=''
export x y z
export -p | grep -E ' (x|y|z)='
readonly r="a'b'c"
readonly -p | grep ' r='
trap 'echo "quoted '\''x'\''"' HUP
trap
set | grep -E '^(x|y|z|r)='
