seq -s ' ' 3
seq 10 -3 1
seq -w 1 3 10
seq 1 1 1
seq -s : 3 1 5
