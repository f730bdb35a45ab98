# bash: read's backslash escapes against IFS, continuation lines, -a, and a while-read loop over a file that other commands share
printf 'a\\:b:c\n' | { IFS=: read x y; echo "[$x][$y]"; }
printf 'one\\\ntwo three\n' | { read x y; echo "[$x][$y]"; }
printf '  lead  trail  \n' | { read -r v; echo "[$v]"; }
printf ' a : b :c: \n' | { IFS=' :' read w1 w2 w3 w4; echo "[$w1][$w2][$w3][$w4]"; }
printf 'p q\\ r  s\n' | { read -a arr; echo "${#arr[@]} [${arr[1]}]"; }
printf 'é\\ü x\n' | { read e f; echo "[$e][$f]"; }
printf 'no newline\\' | { read v; echo "[$v] $?"; }
f=$(mktemp); printf '1\n2\n3\n4\n5\n' > "$f"
while read n; do echo "got $n"; read skip; done < "$f"
{ read a; cat; } < "$f" | tr '\n' ' '; echo
rm -f "$f"
printf 'first\nsecond\n' > u.txt; exec 4< u.txt; read -u 4 a; read -r -u4 b; echo "u: $a $b"; exec 4<&-
read -u 7 z 2>/dev/null; echo "closed fd: $?"; read -u x z 2>/dev/null; echo "bad fd: $?"
while read -u 5 l; do echo "five: $l"; read other; echo "zero: $other"; done 5< u.txt < <(printf 'p\nq\n')
read -n abc v 2>/dev/null; echo "bad count: $?"; read -x 2>/dev/null; echo "bad option: $?"
