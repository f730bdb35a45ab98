i=0
while [ $i -lt 3 ]; do echo "while $i"; i=$((i+1)); done
until [ $i -eq 0 ]; do echo "until $i"; i=$((i-1)); done
for x in; do echo never; done
for x do echo "no-in $x"; done
set -- p q
for x do echo "positional $x"; done
printf '1\n2\n3\n' | while read n; do [ $n = 2 ] && continue; echo "read $n"; done
