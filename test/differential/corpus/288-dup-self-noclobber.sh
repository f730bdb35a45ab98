: 3>&3; echo "colon $?"
set -C
echo x > /dev/null; echo "devnull $?"
echo a > file1
(echo b > file1) 2>/dev/null; echo "clobber $?"
echo c >| file1; cat file1
set +C
