echo before
exit 7
echo never
