unset u
echo "${u:=first}"
echo "$u"
e=
echo "${e=kept}[$e]"
echo "${e:=now}"
echo "[$e]"
: ${w:=side}
echo "$w"
