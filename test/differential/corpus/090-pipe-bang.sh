! false; echo $?
! true; echo $?
! false | false; echo $?
if ! grep -q z <<EOF
abc
EOF
then echo "no z"; fi
