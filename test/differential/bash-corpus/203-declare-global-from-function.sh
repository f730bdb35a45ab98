setg() { declare -g G=global; local L=local; }
setg
echo "${G-unset} ${L-unset}"
