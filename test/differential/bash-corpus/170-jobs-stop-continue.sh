set -m
sleep 5 &
p=$!
kill -STOP %1
sleep 0.2
jobs
kill -CONT %1
sleep 0.2
jobs
kill %1
wait $p
echo "status $?"
