set --
for x in "$@"; do echo "got [$x]"; done
echo "count: $#"
set -- ""
for x in "$@"; do echo "got [$x]"; done
set -- "" ""
echo "count: $#"
