read -a arr <<< "a b  c"
echo ${#arr[@]} ${arr[2]}
read -d , x <<< "one,two"; echo $x
read -n 3 y <<< abcdef; echo $y
printf ab | { read -n 5 z; echo "$z $?"; }
IFS=: read -ra parts <<< "a:b::c"; echo ${#parts[@]} "${parts[@]}"
read -r r <<< 'back\slash'; echo "$r"
read -t 2 t <<< "timed"; echo "$t $?"
read -s -p "" secret <<< hidden; echo $secret
