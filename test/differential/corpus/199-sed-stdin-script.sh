printf 'k=v\nname=ninefold\n' | sed 's/=.*//'
printf 'a b c\n' | sed 's/ /-/g'
printf 'one\ntwo\n' | sed -n '$='
printf 'x\ny\n' | sed -e '1i\
top' -e '$a\
bottom'
printf 'UPPER\n' | sed 's/[A-Z]/(&)/g'
