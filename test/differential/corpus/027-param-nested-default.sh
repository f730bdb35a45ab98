unset a b
c=see
echo ${a:-${b:-$c}}
echo "${a:-"quoted default"}"
echo ${a:-'single $c'}
echo ${a:-$(echo from-cmd)}
