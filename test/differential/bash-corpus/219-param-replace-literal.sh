# a pattern without wildcards is replaced by its text: quoted specials, $ in the replacement, characters past U+FFFF
x='a.b.c$d*e[f]'
echo "${x//./-}" "${x/./-}" "${x//\$/X}" "${x//'*'/S}" "${x//\[f\]/F}" "${x//[.]/_}" "${x//q/z}"
y=aaaa; echo "${y//a/\$\$}" "${y//aa/b}" "${y//a/}" "${y/aaaaa/none}"
z='héllo 😀 wörld 😀'; echo "${z//😀/:)}" "${z/ö/o}"
