v=hello; e=
echo ${#v} ${#e}
unset u; echo ${#u}
w="a b c"; echo ${#w}
set -- 1 2 3; echo ${#}
