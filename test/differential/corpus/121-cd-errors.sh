cd nonexistent 2>/dev/null
echo "st $?"
touch file
cd file 2>/dev/null
echo "st $?"
cd . && echo "still here"
