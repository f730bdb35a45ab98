false; echo $?
true; echo $?
! true; echo $?
bash -c 'exit 300'; echo $?
(exit 256); echo $?
