v='  lead  and   trail  '
for w in $v; do echo "[$w]"; done
echo "[$v]"
t='	tab	sep	'
for w in $t; do echo "<$w>"; done
