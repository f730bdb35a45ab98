for i in 1 2 3; do (sleep 0.$i; exit $i) & done
pids=()
for i in 1 2 3; do :; done
for j in 1 2 3; do wait %$j; echo "exit $?"; done
