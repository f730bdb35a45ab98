# bash's words for its builtins' errors and its syntax errors, the script's name cut off; line
# numbers in an eval count from the eval's line
{
break; continue
f() { break; }; for i in 1 2; do f; echo "pass $i"; done
trap 'echo x' NOSIG; echo "trap $?"
read -t x v < /dev/null; echo "read $?"
read -n y v < /dev/null; echo "read $?"
wait 999999; echo "wait $?"
fg; echo "fg $?"; bg; echo "bg $?"
printf '%d|%d|%d\n' abc 1.5 12abc; echo "printf $?"
printf '%x\n' 99999999999999999999; echo "printf $?"
printf '%y'; echo "printf $?"; printf '%5'; echo "printf $?"
x="a b"; [ $x = "a b" ]; echo "test $?"
test 1 -eq x; echo "test $?"
[ 1 2 3 4 5 ]; echo "test $?"
getopts; echo "getopts $?"
eval 'if'; echo "eval $?"
eval 'echo )'; echo "eval $?"
eval 'echo $LINENO'
eval 'nosuch_command_here'; echo "eval $?"
y=(1); echo "${y[5]:?unset element}"
} 2>&1 | sed -E 's/^[^ ]+: (line [0-9]+: |eval: )/\1/'
declare -A pairs=(k1 v1 k2 "v 2" k3); declare -p pairs
declare -A keys=([a-b]=1); keys["a b"]=2; keys['$x']=3; keys[a.b]=4; declare -p keys | grep -o '\[[^]]*\]="[^"]*"' | sort
