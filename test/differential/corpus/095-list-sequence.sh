echo 1; echo 2; false; echo "st $?"
echo 3 ; echo 4
