sh -c 'exit 0'; echo $?
sh -c 'exit 255'; echo $?
sh -c 'exit 256'; echo $?
sh -c 'kill -TERM $$'; echo $?
/nonexistent/cmd 2>/dev/null; echo $?
nosuchcommandxyz 2>/dev/null; echo $?
printf 'x' > notexec; ./notexec 2>/dev/null; echo $?
(exit 3); echo $?
