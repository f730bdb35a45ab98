set -m
sleep 5 &
p=$!
kill -STOP $p
sleep 0.2
jobs -s
jobs -r
bg >/dev/null
sleep 0.2
jobs -r
kill %1
wait $p
echo "status $?"
