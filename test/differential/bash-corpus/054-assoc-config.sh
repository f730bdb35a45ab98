declare -A cfg=([host]=localhost [port]=8080)
cfg[user]=admin
echo "${cfg[host]}:${cfg[port]}"
[[ -v cfg[user] ]] && echo "has user"
[[ -v cfg[pass] ]] || echo "no pass"
echo "${#cfg[@]}"
unset 'cfg[port]'
echo "${#cfg[@]}"
