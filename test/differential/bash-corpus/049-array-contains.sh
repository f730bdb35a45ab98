contains() { local x; for x in "${@:2}"; do [[ $x == "$1" ]] && return 0; done; return 1; }
list=(apple banana cherry)
contains banana "${list[@]}" && echo yes
contains grape "${list[@]}" || echo no
