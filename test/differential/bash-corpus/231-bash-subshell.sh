# bash: $BASH_SUBSHELL counts ( ), $( ), process substitutions, compound commands of a pipeline and background jobs
echo "top $BASH_SUBSHELL"
echo "substitutions $(echo $BASH_SUBSHELL $(echo $BASH_SUBSHELL))"
(echo "parentheses $BASH_SUBSHELL"; (echo "nested $BASH_SUBSHELL"))
{ echo "group in a pipeline $BASH_SUBSHELL"; } | cat
f() { echo "function $BASH_SUBSHELL"; }; f; f | cat
cat < <(echo "process substitution $BASH_SUBSHELL")
echo "background $BASH_SUBSHELL" & wait
