# dash: a command substitution or pipeline element is a child shell with no jobs
sleep 5 &
echo "[$(jobs)]"
jobs | cat
kill $!
wait
echo done
