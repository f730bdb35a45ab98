v='a : b:c  :d'
IFS=' :'
for w in $v; do echo "[$w]"; done
