s="key1=val1;key2=val2;key3=val3"
rest=${s#*key2=}
echo "${rest%%;*}"
IFS=';' read -ra pairs <<< "$s"
for p in "${pairs[@]}"; do echo "${p%%=*} -> ${p#*=}"; done
