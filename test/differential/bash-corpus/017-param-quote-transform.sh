s="it's a \"test\""
echo ${s@Q}
e='a\tb'
echo "${e@E}"
w=word; echo ${w@U} ${w@u} ${w@A}
