printf '%s\n' a b c d e | xargs -n 2 echo
printf 'x\ny\n' | xargs -I{} echo "item {}"
