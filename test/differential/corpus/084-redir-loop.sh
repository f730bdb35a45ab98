for i in 1 2 3; do echo $i; done > out
cat out
while read n; do echo "n=$n"; done < out
if true; then echo inif; fi > iff
cat iff
