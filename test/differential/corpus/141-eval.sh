cmd='echo evaluated'
eval $cmd
x=y; y=final
eval echo \$$x
eval 'a=1; b=2'
echo $a $b
eval 'f() { echo fn; }'; f
eval false; echo $?
eval; echo $?
eval "echo 'quoted  spaces'"
