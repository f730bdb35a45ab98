declare -a arr=(1 "two words" 3)
declare -p arr
declare -A map=([k]=v)
declare -p map
x=plain
declare -p x
