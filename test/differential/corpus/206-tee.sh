echo hello | tee out
cat out
echo more | tee -a out > /dev/null
cat out
echo x | tee a b > /dev/null; cat a b
