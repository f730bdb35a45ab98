v='a:b::c:'
IFS=:
set -- $v; echo "$#:$*"
IFS=' :'
v=' a : b  c '
set -- $v; echo "$#"; printf '[%s]' "$@"; echo
IFS=
set -- $v; echo "$#"
unset IFS
v='  x   y  '
set -- $v; echo "$#"
IFS=,; set -- "a,b" c,d; echo "$*"; echo "$@"
