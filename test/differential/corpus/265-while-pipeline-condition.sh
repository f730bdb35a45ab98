n=0
while echo x | grep -q x && [ $n -lt 3 ]; do n=$((n+1)); done
echo $n
until printf '' | grep -q y; do echo "until body"; break; done
