i=0
while [ $i -lt 5 ] && { i=$((i+1)); [ $i -eq 3 ] && break; true; }; do echo "loop $i"; done
echo "after $i"
j=0
until j=$((j+1)); [ $j -eq 2 ] && continue; [ $j -ge 4 ]; do echo "until $j"; done
echo "j $j"
