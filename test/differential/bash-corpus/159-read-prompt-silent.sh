read -r -p "Name: " name <<< "Ann" 2>/dev/null
echo "got $name"
read -r -n 3 code <<< "abcdef"
echo "$code"
read -r -d ';' first <<< "one;two"
echo "$first"
