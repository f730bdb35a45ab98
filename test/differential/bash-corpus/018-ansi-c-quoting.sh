echo $'tab:\there'
echo $'new\nline'
printf '%s\n' $'single \'quote\''
echo $'\x41\102'
x=$'a\\b'; echo "$x" ${#x}
echo "$'not in double quotes'"
