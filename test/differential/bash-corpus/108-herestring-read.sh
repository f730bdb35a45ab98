read -r a b <<< "first second third"
echo "$a|$b"
wc -w <<< "one two three"
tr a-z A-Z <<< hello
