wait zzz 2>/dev/null; echo "wait $?"
wait 99999 2>/dev/null; echo "wait pid $?"
