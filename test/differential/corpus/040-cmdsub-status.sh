x=$(exit 4); echo $?
x=$(false); echo $?
x=$(true); echo $?
x=$(sh -c 'exit 9'); echo $?
