env test 1 -eq 1; echo $?
env test -n "" ; echo $?
env test a = a; echo $?
env test -d . ; echo $?
