declare -i n=2+3
echo $n
n+=4
echo $n
declare -p n
declare -r ro=1
declare -p ro
ro=2 2>/dev/null || echo "cannot assign"
declare -a arr=(1 "two words")
declare -p arr
declare -x ex=v
declare -p ex
typeset t=typed
declare -p t
declare -l lower=MiXeD; declare -u upper=MiXeD
echo $lower $upper
declare -p nosuch 2>/dev/null || echo "status $?"
