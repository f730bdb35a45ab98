s="the quick brown fox"
[[ $s == *quick* ]] && echo "has quick"
[[ $s != *slow* ]] && echo "no slow"
case $s in *brown*) echo brown ;; esac
if [[ "$s" =~ b(r)own ]]; then echo "${BASH_REMATCH[0]} ${BASH_REMATCH[1]}"; fi
