# bash's printf: length modifiers are accepted, a bad directive stops with status 1
printf 'a%zb\n' 1 2>/dev/null; echo " rc=$?"
printf '%z' 2>/dev/null; echo " rc=$?"
printf 'x%ky%d\n' 5 2>/dev/null; echo " rc=$?"
printf '%ld %hd %jd\n' 5 6 7; echo "rc=$?"
printf -v v 'p%kq' 2>/dev/null; echo "rc=$? [$v]"
