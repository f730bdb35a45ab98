v=outer
x=$(v=inner; echo $v)
echo $x $v
y=$(cd / && echo moved)
echo $y
[ -n "$(ls)" ] || echo "still in empty scratch"
