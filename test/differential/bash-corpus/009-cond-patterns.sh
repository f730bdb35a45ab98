s=hello.txt
[[ $s == *.txt ]] && echo txt
[[ $s == "*.txt" ]] || echo literal-no
[[ $s != h* ]] || echo starts-h
[[ -n $s && -z "" ]] && echo both
[[ ! -e /nonexistent ]] && echo missing
[[ ( a < b ) && ( b > a ) ]] && echo ordered
[[ 10 -gt 9 && 2+3 -eq 5 ]] && echo arith
[[ x == x || $(echo never) ]] && echo short
v=""; [[ $v ]] || echo empty
[[ -f /etc/passwd || -d / ]] && echo files
