A=1 B="[$A]" env | grep -E '^(A|B)=' | sort
unset A
C=x sh -c 'echo "$C"'
echo "${C-unset}"
D=1 eval 'echo "eval sees $D"'
echo "${D-unset}"
