sleep 10 &
pid=$!
kill -s TERM $pid
wait $pid
echo "status $?"
sleep 10 &
kill -9 $!
wait $!
echo "status $?"
kill -l 15
kill -l 143
