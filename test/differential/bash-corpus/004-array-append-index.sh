a=(one)
a+=(two three)
a[5]=six
echo "${a[@]}"
echo "${!a[@]}"
echo ${#a[@]} ${#a[5]}
a[1]+=X
echo ${a[1]}
i=2; a[i+1]=four; echo ${a[3]}
echo ${a[-1]} ${a[@]: -2}
b=([3]=c [1]=a b)
echo "${b[@]} / ${!b[@]}"
