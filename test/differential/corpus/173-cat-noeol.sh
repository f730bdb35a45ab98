printf 'no eol' > f
cat f f
echo
printf '' > empty
cat empty f
echo
cat empty
