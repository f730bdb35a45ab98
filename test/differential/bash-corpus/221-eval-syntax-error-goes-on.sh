# a syntax error in eval or . fails that command with 2, and bash goes on (dash, as POSIX, ends the script)
eval 'if' 2>/dev/null; echo "eval: $?"
eval 'echo a; fi' 2>/dev/null; echo "late error: $?"
f() { eval '(' 2>/dev/null; echo "in f: $?"; }; f; echo "after f: $?"
echo 'case x in' > bad.sh; . ./bad.sh 2>/dev/null; echo "dot: $?"
x=$(eval 'then' 2>&1 >/dev/null); echo "substitution: $? ${x:+said something}"
echo end
