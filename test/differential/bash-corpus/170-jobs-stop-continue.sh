set -m
sleep 5 &
kill -STOP %1
sleep 0.2
jobs
bg %1 >/dev/null
sleep 0.1
jobs
kill %1
wait %1
echo "status $?"
