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
