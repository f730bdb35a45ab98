mkdir g && cd g
touch x y
v=*
echo "$v"
echo $v
