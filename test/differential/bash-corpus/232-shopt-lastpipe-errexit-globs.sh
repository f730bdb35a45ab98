# bash: shopt lastpipe, inherit_errexit, nocaseglob and failglob (last: it ends the script)
shopt -s lastpipe
echo hi | read v; echo "v=$v"
n=0; printf 'a\nb\nc\n' | while read -r l; do n=$((n+1)); done; echo "n=$n"
seq 3 | sum=0; echo "sum-assign ${sum-unset}"
false | true; echo "st $? ${PIPESTATUS[*]}"
true | false; echo "st $? ${PIPESTATUS[*]}"
set -o pipefail; false | true; echo "pf $?"; set +o pipefail
echo abc | tr a-z A-Z | read up; echo "up=$up"
printf 'x y\n' | { read a b; echo "in group $a $b"; }; echo "after group [$a]"
echo 5 | grep 5 | cat
shopt -u lastpipe; echo no | read w; echo "w=[$w]"
set -e; x=$(false; echo "errexit is off in a substitution"); echo "$x"
shopt -s inherit_errexit; y=$(false; echo never) || echo "inherit_errexit: status $?"; set +e
mkdir ncg; touch ncg/ABC.TXT ncg/abd.txt
shopt -s nocaseglob; echo ncg/a*; echo ncg/*.txt; shopt -u nocaseglob; echo ncg/a*
shopt -s failglob; echo ncg/*.none; echo "not reached"
