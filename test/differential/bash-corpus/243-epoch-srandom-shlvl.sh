# bash: EPOCHSECONDS, EPOCHREALTIME and SRANDOM are read fresh; SHLVL counts nested shells
[[ $EPOCHSECONDS =~ ^[0-9]{10}$ ]] && echo seconds
[[ $EPOCHREALTIME =~ ^[0-9]{10}\.[0-9]{6}$ ]] && echo realtime
(( EPOCHSECONDS - ${EPOCHREALTIME%.*} <= 1 )) && echo agree
[[ $SRANDOM =~ ^[0-9]+$ ]] && (( SRANDOM < 4294967296 )) && echo srandom
echo "$SHLVL" > level; bash -c 'echo $(( SHLVL - $(cat level) ))'
env | grep -c '^SHLVL='
