v='a*b*c'
echo "${v#*\*}"
echo "${v%"*c"}"
x=abcabc
echo ${x#a?c} ${x%[bc]} ${x##*b}
y=aaa
echo "${y#a}" "${y##a}" "${y#"a"}"
