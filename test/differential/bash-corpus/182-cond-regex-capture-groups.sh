log='2024-01-15 12:30:45 ERROR [db] connection lost'
re='^([0-9-]+) ([0-9:]+) ([A-Z]+) \[([a-z]+)\] (.*)$'
if [[ $log =~ $re ]]; then
  for i in 1 2 3 4 5; do echo "$i: ${BASH_REMATCH[$i]}"; done
  echo "${#BASH_REMATCH[@]}"
fi
