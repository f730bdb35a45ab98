# bash: exec onto a process substitution closes the substitution's own descriptor, so moving the output back ends its input
exec 3>&1 > >(tr a-z A-Z > out.txt); echo logged; exec 1>&3 3>&-; wait $!; cat out.txt
exec 4< <(echo fromsub); read -u 4 v; echo "$v"; exec 4<&-
