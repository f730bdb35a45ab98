# bash outside POSIX mode: an error in a special builtin (export, readonly, unset, shift, ., set) is a status, not the end of the script
export 1=x A=2 2>/dev/null; echo "export $? $A"
readonly 1 2>/dev/null; echo "readonly $?"
. ./no-such-file 2>/dev/null; echo "dot $?"
B=1; unset -v 1 B 2>/dev/null; echo "unset $? ${B-gone}"
set -- a; shift 5; echo "shift $? $1"
set -o no-such-option 2>/dev/null; echo "set -o $?"
set -Q 2>/dev/null; echo "set -Q $?"
echo reached the end
