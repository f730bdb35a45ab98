true | false | true
echo "${PIPESTATUS[@]}"
(exit 2) | (exit 3)
s=("${PIPESTATUS[@]}")
echo "${s[0]} ${s[1]}"
