# the DEBUG trap before each command ($BASH_COMMAND, $LINENO and $? as they were), hidden in
# functions and subshells; the RETURN trap as a function or sourced file returns; set -T
f() { trap "echo ret \$FUNCNAME" RETURN; echo body; }; f; trap -p RETURN; g() { :; }; g; h() { trap -p RETURN; }; h
trap - RETURN
trap 'echo D' DEBUG; f2() { trap -p DEBUG; echo in; }; f2; trap - DEBUG
f3() { trap "echo ret" RETURN; return 3; }; f3; echo "status $?"; trap - RETURN
f4() { local t=x; trap "echo cleanup \$t" RETURN; }; f4; trap - RETURN
trap "echo ret" RETURN; f5() { :; }; f5; echo 'echo sourced' > sourced.sh; . ./sourced.sh; trap - RETURN
set -T; trap "echo ret" RETURN; f6() { :; }; f6; trap - RETURN; set +T
trap 'echo "D $BASH_COMMAND $LINENO"' DEBUG
f7() { echo inf; }
f7; x=1; (( x ))
for i in 1 2; do :; done
trap - DEBUG
trap 'echo "D $BASH_COMMAND"' DEBUG; (echo sub); echo $(echo cs); trap - DEBUG
false; trap 'echo "D status $?"' DEBUG; true; trap - DEBUG
echo "$-"; set -T; echo "$-"; set -o | grep functrace; set +T
trap 'echo D; exit 5' DEBUG; echo never
