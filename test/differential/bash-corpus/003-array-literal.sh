a=(x y "z w")
echo "${a[0]} ${a[2]}"
echo ${#a[@]}
for e in "${a[@]}"; do echo "[$e]"; done
for e in ${a[@]}; do echo "<$e>"; done
echo "${a[*]}"
IFS=,; echo "${a[*]}"; unset IFS
echo $a
