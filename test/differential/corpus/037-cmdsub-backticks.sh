x=`echo hi`
echo $x
echo "`echo a b`"
y=`echo \`echo nested\``
echo $y
echo `echo '$x'`
