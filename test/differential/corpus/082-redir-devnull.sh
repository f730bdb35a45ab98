echo hidden > /dev/null
cat /dev/null
echo "status $?"
wc -c < /dev/null
