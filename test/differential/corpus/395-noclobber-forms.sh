set -o noclobber
echo a > f
(echo b > f) 2>/dev/null; echo "refused: $?"
echo c >| f; cat f
echo d >> f; cat f
echo e > /dev/null; echo "dev null: $?"
rm f; echo g > f; cat f
set +o noclobber
