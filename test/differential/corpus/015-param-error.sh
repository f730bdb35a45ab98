echo before
( unset u; echo "${u:?missing}"; echo never ) 2>/dev/null
echo "status $?"
s=ok; echo "${s:?missing}"
( e=; echo "${e?no}[set]" )
