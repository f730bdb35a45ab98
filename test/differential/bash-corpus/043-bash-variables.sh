[[ -n $HOSTNAME ]] && echo host-set
[[ $UID =~ ^[0-9]+$ ]] && echo uid-numeric
[[ -n $SHELL ]] && echo shell-set
f() { echo "${FUNCNAME[0]} from ${FUNCNAME[1]-main}"; }
g() { f; }
g
