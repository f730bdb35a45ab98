set -- '' "" x
echo $#
for a in "$@"; do echo "[$a]"; done
e=
set -- $e
echo $#
set -- "$e"
echo $#
set -- $e"" x
echo $#
