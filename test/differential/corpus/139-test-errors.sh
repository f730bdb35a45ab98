test abc -eq 1 2>/dev/null; echo $?
[ 1 -eq 1 2>/dev/null; echo $?
test; echo $?
test ""; echo $?
test x; echo $?
[ ]; echo $?
