true; echo $?
false; echo $?
(exit 7); echo $?
sh -c 'exit 3'; echo $?
! true; echo $?
echo $?
