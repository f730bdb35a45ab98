# bash lists the shell's jobs in $(jobs) and in a pipeline; a ( ) subshell has none
sleep 5 &
sleep 6 &
x=$(jobs)
echo "[$x]"
jobs | cat
(jobs)
echo "[$(jobs -p | wc -l)]"
echo "[$(jobs %1)]"
kill %1 %2
wait
echo done
