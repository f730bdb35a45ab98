# bash's type -t/-p/-P/-a/-f, aliases in type, ${x~} and ${x~~}, and BASH_VERSINFO
f() { :; }; alias ll='ls -l'; shopt -s expand_aliases
type -t f if cd nope ll [[ time; echo "status $?"
type -p cd f; echo "status $?"
type -t -f f; echo "status $?"
type ll cd if; type -a f | head -1
type -x; echo "status $?"
s='Hello World'; echo "${s~}" "${s~~}" "${s~~[lo]}" "${s^^}" "${s,,}"
a=(ab Cd); echo "${a[@]~~}"
echo "${BASH_VERSINFO[0]}" "${#BASH_VERSINFO[@]}"
[ -n "$BASH_VERSION" ] && echo has-version
