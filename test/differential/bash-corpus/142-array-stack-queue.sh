stack=()
push() { stack+=("$1"); }
pop() { local top=${stack[-1]}; unset 'stack[-1]'; echo "$top"; }
push a; push b; push c
pop; pop
echo "left: ${stack[*]}"
queue=(x y z)
echo "${queue[0]}"; queue=("${queue[@]:1}"); echo "${queue[*]}"
