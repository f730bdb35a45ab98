pre=foo
echo ${pre}bar "${pre}_$pre" $pre-$pre $pre.$pre
