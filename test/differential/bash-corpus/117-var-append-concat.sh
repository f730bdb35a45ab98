s=hello
s+=" world"
echo "$s"
n=5
n+=1
echo "$n"
declare -i m=5
m+=1
echo "$m"
