# bash: set -x shows PS4 expanded, one more + for each command substitution, [[ ]] tests, (( )), for headers and assignments
exec 2>&1
set -x
(echo a); x=$(echo b; y=$(echo c)); echo "$(echo d)" >/dev/null; i=0; (( i++ )); (( i < 5 )); let i+=1
[[ -n $x && $i -gt 0 ]]; for ((j=0;j<2;j++)); do :; done
while [ $i -lt 2 ]; do i=2; done; f() { echo in; }; f; echo {a,b}
a=(1 2); a+=(4); declare -A m; m[k]=v; s=x; s+=y
set -- a "b c"; for i in "$@" z; do :; done; for k; do :; done
x=3; (( x + 1 )); ((x*2)); [[ $x == 3 || -z "$y" ]]; [[ ! -f /nonexist ]]; [[ $x =~ ^[0-9]+$ ]]
[[ $x ]]; [[ "a b" == a* ]]; [[ x -gt 1 ]]; [[ a < b ]]
set +x; PS4='+ ${LINENO}: '; set -x
echo traced
set +x; PS4='+$(echo sub) '; set -x
echo with-sub
set +x
