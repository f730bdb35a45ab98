y='a*'
v='a*bc'
echo "${v#$y}" "${v#"$y"}"
d=.
f=file.tar.gz
echo "${f%$d*}" "${f%%"$d"*}"
n=abc123def
echo "${n%%[0-9]*}" "${n##*[0-9]}"
