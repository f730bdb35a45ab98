s="hello World"
echo ${s^^} ${s,,} ${s^} ${s,}
x=abc; echo ${x^^[ab]} ${x^[b]}
a=(one two); echo ${a[@]^}
u=ABC; echo ${u,,[B]}
