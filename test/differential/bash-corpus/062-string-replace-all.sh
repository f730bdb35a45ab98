csv="a,b,c,d"
echo "${csv//,/ }"
echo "${csv/,/;}"
echo "${csv//[bc]/X}"
p="/usr//local///bin"
while [[ $p == *//* ]]; do p=${p//\/\//\/}; done
echo "$p"
