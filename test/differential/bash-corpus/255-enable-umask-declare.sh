# enable lists the builtins and knows them; umask -p; declare -F NAME; logout outside a login shell
enable -a | head -3
enable echo; echo "enable $?"
enable nosuchbuiltin 2>/dev/null; echo "enable $?"
umask 022; umask -p; umask -S -p
f() { :; }; declare -F f; declare -F | grep -c 'declare -f f'
logout 2>/dev/null; echo "logout $?"
suspend 2>/dev/null; echo "suspend $?"
