# bash 5.2's patsub_replacement: an unquoted & in ${x/p/r}'s replacement is the match; \& and quoted & are plain; a ~ there is the home
HOME=/root
x=hello; r='a\b'; r2='<&>'; r3='\&'; r4='a\\&b'
echo "${x//l/[&]}" ${x//l/[&]} "${x//l/\&}" "${x//l/'&'}" "${x//l/"&"}" "${x//l/&\&&}" "${x//l/\\&}" "${x//l/\\}"
echo "${x//l/$r}" ${x//l/$r2} "${x//l/$r3}" "${x//l/"$r2"}" "${x//l/$r4}" "${x//l/a\b}" "${x//l/\"}"
echo "${x/l/&&}" "${x/#h/<&>}" "${x/%o/<&>}" "${x//?/&.}" "${x/#/[&]}" "${x/%/[&]}"
a=(ab cb); echo "${a[@]//b/[&]}"
y='a&b'; echo "${y//&/and}" "${y//&/&amp;}"
echo "${x//l/~}" ${x//l/~/&} "${x/l/a~}"
z=/root/a; echo ${z#~} "${z#~}" ${z/~/X} ${z/#~/H} ${u:-~} "${u:-~}" ${u:-~/b}
shopt -u patsub_replacement
echo "${x//l/[&]}" "${x//l/\&}" "${x//l/$r4}"
shopt -s patsub_replacement; shopt patsub_replacement
