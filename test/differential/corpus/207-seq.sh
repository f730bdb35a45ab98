seq 3
seq 2 5
seq 1 3 10
seq 5 -2 1
seq -s , 1 4
seq -w 8 10
seq 0
seq 3 1
