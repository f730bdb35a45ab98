mkdir -p a/b
rmdir a 2>/dev/null; echo "st $?"
rmdir a/b; rmdir a; echo "st $?"
ls
rmdir nope 2>/dev/null; echo "st $?"
mkdir -p x/y/z; rmdir -p x/y/z; echo "st $?"; ls
