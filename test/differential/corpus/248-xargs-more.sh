printf 'a b\nc\n' | xargs -n 1 echo x
seq 1 7 | xargs -n 3 echo
echo 'one two' | xargs -I X echo '[X]'
printf 'q\nr\n' | xargs sh -c 'echo "$#: $*"' sh
