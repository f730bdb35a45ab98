v=hello
echo $v ${v} "${v}world" ${v}_x
echo $v_x.
echo "${v}${v}"
