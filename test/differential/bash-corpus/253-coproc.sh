# coproc: a job joined to the shell by two pipes (NAME, NAME_PID); bc answers each statement as it
# comes. (Each coprocess is read from while it runs: bash closes a coprocess's descriptors when it
# reaps it, so reading after it ended races in bash itself.)
coproc bc -l; echo "2+2" >&"${COPROC[1]}"; read -r r <&"${COPROC[0]}"; echo "r=$r pid=${COPROC_PID:+set} fds=${COPROC[*]}"
printf 'define f(x) {\n  return (x * 2)\n}\nf(21)\n' >&"${COPROC[1]}"; read -r r <&"${COPROC[0]}"; echo "f=$r"
exec {COPROC[1]}>&-; wait "$COPROC_PID"; echo "status $?"
coproc UP { while read -r l; do echo "$l" | tr a-z A-Z; done; }; echo hello >&"${UP[1]}"; read -r u <&"${UP[0]}"; echo "$u"; kill "$UP_PID"; wait "$UP_PID" 2>/dev/null
coproc NAME2 (read -r l; echo "sub $l"; read -r l); echo in >&"${NAME2[1]}"; read -r x <&"${NAME2[0]}"; echo "$x"; kill "$NAME2_PID"
coproc while read -r l; do echo "got $l"; done; echo one >&"${COPROC[1]}"; read -r a <&"${COPROC[0]}"; echo "$a"; kill "$COPROC_PID"
a=(x y); exec {a[1]}>/dev/null; [[ ${a[1]} =~ ^[0-9]+$ ]] && echo "a descriptor in an element"; exec {a[1]}>&-
echo done
