false | true; echo $?
true | false; echo $?
exit 3 | true; echo $?
true | sh -c 'exit 4'; echo $?
