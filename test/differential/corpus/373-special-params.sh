echo "$0" | grep -q . && echo "has \$0"
[ "$$" -gt 0 ] && echo "pid positive"
s=$(echo $$); [ "$s" = "$$" ] && echo "subshell keeps \$\$"
sleep 0 & bg=$!; wait
[ "$bg" -gt 0 ] && echo "bang set"
false; echo "$?"
set -- a b; echo "$#"
echo "${#}" "${#1}"
