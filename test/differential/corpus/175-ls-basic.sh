mkdir d && cd d
touch b a c
mkdir sub
ls
ls -1
echo ---
ls sub
ls -a
