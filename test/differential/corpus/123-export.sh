export A=1
B=2
sh -c 'echo "A=$A B=$B"'
export B
sh -c 'echo "B=$B"'
C=3 sh -c 'echo "C=$C"'
echo "C after: [$C]"
