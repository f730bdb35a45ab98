(exit 5); echo $?
(echo in; exit 0; echo never); echo $?
( (exit 7) ); echo $?
