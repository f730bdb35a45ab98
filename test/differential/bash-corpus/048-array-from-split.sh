line="alpha,beta,,gamma"
IFS=, read -r -a fields <<< "$line"
echo "${#fields[@]}"
for i in "${!fields[@]}"; do echo "$i=${fields[$i]}"; done
