x='a   b'
echo "$x"
echo $x
echo "it's $x here"
echo "braces ${x}!"
echo "single 'quotes' inside"
echo "" "[]" ""
