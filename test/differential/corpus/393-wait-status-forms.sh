(exit 3) & p1=$!
(exit 4) & p2=$!
wait $p1; echo "first $?"
wait $p2; echo "second $?"
sleep 0 & sleep 0 &
wait; echo "all $?"
wait %9 2>/dev/null; echo "missing job: $?"
