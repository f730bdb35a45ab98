set -u
x=1
echo "${x} ${unset_var-default} ${unset_var:-d2}"
echo "$#"
(echo "$unset_var") 2>/dev/null; echo "subshell status $?"
set +u
echo "[$unset_var]"
