false || false; echo $?
true && (exit 3); echo $?
false && true; echo $?
true || false; echo $?
