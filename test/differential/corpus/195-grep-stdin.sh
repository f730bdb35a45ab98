printf 'one\ntwo\nthree\n' | grep -n o
printf 'one\ntwo\n' | grep -c z
printf 'x\n' | grep -v x; echo "st $?"
printf 'Aa\n' | grep -in a
