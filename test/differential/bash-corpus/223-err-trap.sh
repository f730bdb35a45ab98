# bash's ERR trap: run where set -e would end the shell, not inside functions without set -E, once for a compound command; $LINENO is the failed command's
trap 'echo ERR $?' ERR
{ false; }; echo a
f() { false; echo in-f; }; f; echo b
x=$(false); echo c
(false); echo d
if false; then :; fi; false || true; ! false; false && true
true | false; echo e
set -E; f
g() { return 3; }; g; echo end
trap -p ERR; trap - ERR; false; echo "no trap"
trap 'echo "line $LINENO failed"; false' ERR
false; echo after
set +E; trap 'echo caught' ERR; set -e; false; echo not-reached
