sleep 5 &
pid=$!
kill -0 $pid; echo "alive: $?"
kill -s 0 $pid; echo "alive -s: $?"
kill $pid
wait $pid
kill -0 $pid 2>/dev/null; echo "after wait: $?"
kill -0 $$; echo "self: $?"
