# bash: where nothing is split $* and ${a[*]} join with IFS's first character, $@ with a space
IFS=+
set -- 1 2 3
a=(4 5)
x=$*; y=$@; v=${a[*]}
echo "$x|$y|$v"
echo $(( $* )) $(( ${a[*]} ))
mapfile -t nums < <(printf '%s\n' 7 8 9)
echo "$(IFS=+; echo "$((${nums[*]}))")"
