# bash: an arithmetic error in an expansion abandons the command line with status 1 and the script goes on; (( )), let and [[ -eq ]] just fail
echo $((1/0)) 2>/dev/null; echo same-line
echo next
for i in 1 2; do echo "i=$i $((i/0))"; echo after; done
echo end $?
f() { echo $((1/0)); echo in-f; }; f; echo after-f
x=$((1/0)) || echo "or"
echo last
x=$(echo $((1/0)); echo in-sub); echo "x=[$x] $?"
( echo $((1/0)); echo in-paren ); echo "paren $?"
if (( 1/0 )); then echo t; else echo e; fi; echo "if $?"
[[ 1/0 -eq 1 ]]; echo "cond $?"
let "1/0"; echo "let $?"
echo $(( 2 + )); echo same
echo done
