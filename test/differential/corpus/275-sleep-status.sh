sleep 0; echo $?
sleep 0.01 && echo slept
sleep nonsense 2>/dev/null; echo "st $?"
