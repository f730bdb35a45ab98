declare -A color
color[apple]=red
color[banana]=yellow
color["sky blue"]=blue
echo "${color[apple]} ${color[banana]} ${color[sky blue]}"
echo ${#color[@]}
for k in "${!color[@]}"; do echo "$k=${color[$k]}"; done | sort
unset 'color[apple]'
echo ${#color[@]} "${color[apple]-gone}"
declare -A m=([a]=1 [b]=2)
echo $(( ${m[a]} + ${m[b]} ))
[[ -v m[a] ]] && echo has-a
[[ -v m[z] ]] || echo no-z
