true; echo $?
false; echo $?
:; echo $?
: ignored args $(echo x); echo $?
true extra args; echo $?
false extra; echo $?
