echo one > f
echo two > f
cat f
echo three >> f
cat f
