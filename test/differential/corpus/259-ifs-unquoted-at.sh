IFS=:
set -- "a b" c:d
for x in $@; do echo "[$x]"; done
for x in "${@}"; do echo "<$x>"; done
unset IFS
