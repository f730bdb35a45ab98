f() { return 3; }
f; echo $?
g() { false; }
g; echo $?
h() { true; return; }
h; echo $?
k() { (exit 6); return; }
k; echo $?
m() { return 1; echo never; }
m || echo "m failed"
