f() { return $1; }
f 0; echo $?
f 1; echo $?
f 255; echo $?
g() { false; return; }
g; echo "bare return: $?"
h() { (exit 7); }
h; echo "last command: $?"
