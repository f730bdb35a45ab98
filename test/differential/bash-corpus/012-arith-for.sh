for ((i = 0; i < 3; i++)); do echo "i=$i"; done
for ((i = 10; i > 0; i -= 4)); do echo $i; done
for ((j = 0; ; j++)); do (( j >= 2 )) && break; echo j$j; done
for ((k=0; k<5; k++)); do (( k % 2 )) && continue; echo even $k; done
