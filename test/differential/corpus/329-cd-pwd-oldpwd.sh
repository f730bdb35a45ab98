mkdir -p a/b
start=$PWD
cd a
echo "${PWD#$start}"
echo "${OLDPWD#$start}|"
cd b
cd - > /dev/null
echo "${PWD#$start}"
cd - | sed "s#^$start##"
sh -c 'echo "child ${PWD#'"$start"'}"'
cd ..
echo "${PWD#$start}|"
