exec 3>&1
sh -c 'echo "via three" >&3'
exec 4>&3 3>&-
sh -c 'echo "via four" >&4; echo "three closed" >&3' 2>/dev/null
echo "status $?"
exec 4>&-
