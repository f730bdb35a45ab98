pids=()
for i in 1 2 3; do (sleep 0.$i; exit $i) & pids+=($!); done
for pid in "${pids[@]}"; do wait "$pid"; echo "exit $?"; done
