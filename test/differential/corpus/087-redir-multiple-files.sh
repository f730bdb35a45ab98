echo a > f1 > f2
cat f1 f2
echo "[$(cat f1)]"
