(exit 3) &
p=$!
wait $p
echo "got $?"
wait
echo "all done $?"
