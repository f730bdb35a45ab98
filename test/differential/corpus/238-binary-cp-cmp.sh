printf '\000\001\002\377\376' > bin
cp bin copy
cmp bin copy && echo identical
wc -c < copy
base64 < copy
md5sum < copy
