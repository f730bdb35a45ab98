i=0 s=0
while [ $i -lt 10 ]; do i=$((i+1)); s=$((s+i)); done
echo $s
p=1; for k in 1 2 3 4 5 6; do p=$((p*k)); done
echo $p
