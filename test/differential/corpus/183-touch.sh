touch a
touch a b c
ls
wc -c < a
printf data > d; touch d; cat d; echo
touch -c nope; ls
