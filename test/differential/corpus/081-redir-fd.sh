exec 3>f3
echo to3 >&3
echo more >&3
exec 3>&-
cat f3
exec 4<f3
read l <&4; echo "got $l"
read l <&4; echo "got $l"
exec 4<&-
