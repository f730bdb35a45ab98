sleep 10 &
kill %1
# by process id: bash forgets a job it has reaped and reported, so `wait %1` answers 127 or 143 by timing
wait $!
echo "status $?"
sleep 10 &
kill -TERM %%
wait
echo done
