( exit 3 )
echo "st $?"
f() ( exit 4 )
f; echo "st $?"
x=$(exit 5; echo no); echo "st $? [$x]"
