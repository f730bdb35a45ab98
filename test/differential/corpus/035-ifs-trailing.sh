IFS=:
v='a:b:'
set -- $v
echo $#
v=':a'
set -- $v
echo $#
v=':'
set -- $v
echo $#
