set -e
echo start
true && false
echo "not reached"
