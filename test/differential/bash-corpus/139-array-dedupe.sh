items=(b a c a b d)
declare -A seen
uniq=()
for i in "${items[@]}"; do
  [[ -n ${seen[$i]} ]] && continue
  seen[$i]=1
  uniq+=("$i")
done
echo "${uniq[*]}"
