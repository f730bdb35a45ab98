# bash: ${a[@]@K} and @k pair keys with values, @a gives the attributes, and on a scalar @K quotes as @Q
declare -A h=([k]=v [j]="a b")
arr=(x "y z")
printf "[%s]\n" "${h[@]@K}"
printf "[%s]\n" "${h[@]@k}"
printf "[%s]\n" "${arr[@]@K}"
printf "[%s]\n" "${arr[@]@k}"
printf "[%s]\n" ${arr[@]@K}
v=1
echo "${v@K} ${v@k} ${v@a} ${arr@a} ${h@a}"
declare -ix n=3
echo "${n@a}"
printf "[%s]\n" "${arr[*]@K}"
echo "${arr[1]@K}"
e=()
printf "[%s]\n" "${e[@]@K}"
echo "${arr[0]@a}" "${nope@a}|"
