set -- a b c
echo $#
set --
echo $#
set -- "a b" c
echo $#
f() { echo $#; }
f 1 2 3 4
f
f ""
