cat <<< "hello here"
read -r a b <<< "first second third"
echo "$a|$b"
wc -l <<< $'x\ny'
x=5; cat <<<$x
tr a-z A-Z <<< 'quoted $x'
