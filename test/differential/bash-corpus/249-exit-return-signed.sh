# bash: exit and return take a sign (the status is the number modulo 256); no number, or one past
# 64 bits, is status 2
f() { return -1; }
f; echo $?
(exit -300); echo $?
(exit +5); echo $?
(exit 1x) 2>/dev/null; echo $?
(exit 99999999999999999999) 2>/dev/null; echo $?
(exit -9223372036854775808); echo $?
g() { return 257; }
g; echo $?
