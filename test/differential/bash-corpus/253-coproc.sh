# coproc: a job joined to the shell by two pipes (NAME, NAME_PID); bc answers each statement as it comes
coproc bc -l; echo "2+2" >&"${COPROC[1]}"; read -r r <&"${COPROC[0]}"; echo "r=$r pid=${COPROC_PID:+set} fds=${COPROC[*]}"
printf 'define f(x) {\n  return (x * 2)\n}\nf(21)\n' >&"${COPROC[1]}"; read -r r <&"${COPROC[0]}"; echo "f=$r"
exec {COPROC[1]}>&-; wait "$COPROC_PID"; echo "status $?"
coproc UP { tr a-z A-Z; }; echo hello >&"${UP[1]}"; exec {UP[1]}>&-; cat <&"${UP[0]}"; wait
coproc echo hi; cat <&"${COPROC[0]}"; echo "$?"
coproc NAME2 (echo sub); read -r x <&"${NAME2[0]}"; echo "$x"
coproc while read -r l; do echo "got $l"; done; echo one >&"${COPROC[1]}"; read -r a <&"${COPROC[0]}"; echo "$a"; kill "$COPROC_PID"
a=(x y); exec {a[1]}>/dev/null; [[ ${a[1]} =~ ^[0-9]+$ ]] && echo "a descriptor in an element"; exec {a[1]}>&-
echo done
