IFS=,
set -- $(echo 'a,b,c')
echo $#
IFS=' '
x=$(printf 'p q')
set -- $x
echo $2
