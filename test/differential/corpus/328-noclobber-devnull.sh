set -C
echo one > f
echo two > f 2>/dev/null || echo "refused"
echo three >| f
cat f
echo quiet > /dev/null && echo "devnull ok"
echo more >> f
cat f
set +C
echo four > f
cat f
