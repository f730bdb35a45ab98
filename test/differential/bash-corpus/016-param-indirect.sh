name=target
target=value
echo ${!name}
ref='arr[1]'; arr=(a b c); echo ${!ref}
all='arr[@]'; echo ${!all}
my_a=1 my_b=2 other=3
echo ${!my_*}
for v in "${!my_@}"; do echo $v; done
