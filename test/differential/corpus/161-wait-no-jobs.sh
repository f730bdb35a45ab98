wait
echo "st $?"
true &
wait
echo "st $?"
false &
wait $!
echo "st $?"
