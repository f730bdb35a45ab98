printf -v x '%05d' 42
echo "$x"
printf -v y '%s,' a b c
echo "$y"
echo -e 'a\tb\nc'
echo -n x; echo y
echo --help
type echo printf pwd test true false kill
