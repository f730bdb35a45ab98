mkdir sub
cd sub
env | grep -c '^PWD='
env | grep '^PWD=' | sed 's#.*/##'
cd ..
env | grep '^OLDPWD=' | sed 's#.*/##'
cd - > /dev/null; basename "$PWD"
