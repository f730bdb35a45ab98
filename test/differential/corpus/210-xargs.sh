printf 'a\nb\nc\n' | xargs echo
printf 'a b c d\n' | xargs -n 2 echo
printf '1\n2\n' | xargs -I{} echo 'item {}'
printf 'x\ny\n' | xargs
printf 'f1\nf2\n' | xargs touch; ls
