set -- "a b" c "d  e"
for x in $@; do echo "1[$x]"; done
for x in $*; do echo "2[$x]"; done
for x in "$@"; do echo "3[$x]"; done
for x in "$*"; do echo "4[$x]"; done
