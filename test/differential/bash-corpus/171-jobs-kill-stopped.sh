set -m
sleep 5 &
kill -STOP $!
sleep 0.2
jobs -s
kill %1
wait
jobs
echo done
