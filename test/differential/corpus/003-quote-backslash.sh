x=1
echo \$x
echo a\ \ b
echo "\$x \" \`"
printf '%s\n' "back\\slash"
printf '%s\n' 'single \ stays'
printf '%s\n' "keep \q unknown"
printf '%s\n' \\
