printf 'caf\303\251\n' > u
wc -c < u
head -c 4 u | base64
head -c 5 u | base64
tail -c 3 u | base64
printf '\303\251\n' | md5sum
