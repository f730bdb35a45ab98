set -- a b c
echo "pre$@post"
for w in "x$@y"; do echo "[$w]"; done
set -- "one two"
for w in "<$@>"; do echo "[$w]"; done
