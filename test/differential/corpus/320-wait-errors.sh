wait zzz 2>/dev/null; echo "wait zzz: $?"
wait 99999 2>/dev/null; echo "wait unknown pid: $?"
wait; echo "wait none: $?"
(exit 5) &
wait $!; echo "wait job: $?"
