# bash: $(< file) is the file read without a command, getopts reports by name, a failed redirection is status 1
printf 'one\ntwo\n\n\n' > subst-in.txt
x=$(< subst-in.txt); echo "[$x]"
f=subst-in.txt; echo $(<$f) "$(< "$f")"
y=$(< no-such-file 2>/dev/null); echo "missing $? [$y]"
z=$(< subst-in.txt cat); echo "with a command: $z"
echo "$(< subst-in.txt; echo after)"
# getopts's errors name the script; a silent optstring reports through the variable
while getopts ":ab:" o -a -b val -c; do echo "$o ${OPTARG:-}"; done
OPTIND=1; getopts "a" o -z 2>/dev/null; echo "unknown $o"
# a failed redirection is status 1 in bash, and ends nothing, not even for : or exec
: < no-such-file; echo "colon $?"
{ echo; } < no-such-file; echo "group $?"
exec < no-such-file; echo "exec $?"
