printf '\377\000\200abc' | cat | base64
printf '\000\000' | wc -c
printf 'a\000b\n' | tr '\000' '-'
