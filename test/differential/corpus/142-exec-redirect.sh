exec 3>out
echo a >&3
echo b >&3
exec 3>&-
cat out
exec 5>&1
exec >log
echo "to log"
exec 1>&5 5>&-
echo back
cat log
