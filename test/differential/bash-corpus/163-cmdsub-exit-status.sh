out=$(false) || echo "failed: $?"
if out=$(echo ok; exit 3); then echo "yes"; else echo "no $? $out"; fi
v=$(exit 4); echo $?
