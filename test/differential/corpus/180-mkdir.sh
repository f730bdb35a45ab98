mkdir -p a/b/c
mkdir -p a/b/c; echo "st $?"
mkdir a 2>/dev/null; echo "st $?"
mkdir x y z
ls
find a | sort
mkdir q/r 2>/dev/null; echo "st $?"
