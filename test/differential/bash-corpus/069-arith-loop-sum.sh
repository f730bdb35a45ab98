sum=0
for ((i = 1; i <= 100; i++)); do ((sum += i)); done
echo "sum=$sum"
i=0
while ((i < 5)); do ((i++)); done
echo "i=$i"
