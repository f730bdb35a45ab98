re='^([a-z]+)-([0-9]+)$'
if [[ abc-123 =~ $re ]]; then
  echo "${BASH_REMATCH[0]} ${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
fi
[[ foo.bar =~ \. ]] && echo dot
[[ foobar =~ "." ]] || echo quoted-dot-literal
[[ 2024-01-15 =~ ^[0-9]{4}-([0-9]{2})- ]] && echo month ${BASH_REMATCH[1]}
[[ abc =~ (x|b) ]] && echo alt ${BASH_REMATCH[1]}
[[ abc =~ z ]]; echo $? ${#BASH_REMATCH[@]}
