# bash: wait -n takes the next job to end, -p names its pid, ids narrow it; nothing to wait for is 127
sleep 0.4 & a=$!; (sleep 0.1; exit 3) & b=$!; wait -n; echo "first $?"; wait -n -p who; echo "second $? $([ "$who" = "$a" ] && echo a)"; wait -n; echo "none $?"
sleep 0.2 & c=$!; (exit 5) & d=$!; wait -n $c; echo "only c $?"; wait; echo done
wait -x 2>/dev/null; echo "bad option $?"
