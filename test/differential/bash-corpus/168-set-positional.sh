set -- one "two three" four
echo "$#"
for a in "$@"; do echo "<$a>"; done
echo "$*"
shift 2
echo "$1 $#"
set --
echo "$#"
