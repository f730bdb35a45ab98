echo a | (exit 5) | cat; echo $?
printf 'x\ny\n' | while read l; do echo "r $l"; [ $l = x ] && break; done
echo end
