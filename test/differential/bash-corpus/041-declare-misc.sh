declare -a empty=()
echo ${#empty[@]}
declare -A h=([one]=1)
h[two]=2
echo ${h[one]}${h[two]}
declare -p empty
x=5; declare -i x; x+=5; echo $x
declare +i x; x+=5; echo $x
f() { local -i n=3*3; echo $n; }; f
declare -x XV=exported; sh -c 'echo $XV'
