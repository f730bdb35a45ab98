p=/usr/local/bin/tool
echo ${p/local/LOCAL}
echo ${p//\//:}
echo ${p/#\/usr/PREFIX}
echo ${p/%tool/TOOL}
echo ${p/o}
echo ${p//o}
f=photo.JPG
echo ${f/%.JPG/.jpg}
s="a b c"
echo "${s// /_}"
x=aaa; echo ${x//a/bb} ${x/a*/Z}
pat=b; echo ${s/$pat/B}
