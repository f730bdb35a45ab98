# a bad directive stops printf: what came before it is printed, and the status is 2 in dash
printf 'a%zb\n' 1 2>/dev/null; echo " rc=$?"
printf '%z' 2>/dev/null; echo " rc=$?"
printf 'x%ky%d\n' 5 2>/dev/null; echo " rc=$?"
printf '%ld\n' 5 2>/dev/null; echo " rc=$?"
printf '%q\n' 'a b' 2>/dev/null; echo " rc=$?"
printf 'ok %d\n' 7; echo "rc=$?"
