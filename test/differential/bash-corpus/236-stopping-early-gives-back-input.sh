# bash with GNU tools: a command that stops early on a seekable input (head, sed q, grep -m) leaves the offset after what it used, so the next command reads on
cd "$(mktemp -d)"
printf 'h\n3\n1\n2\n' > hs.txt
seq 1 100000 > big.txt
(head -n 1; sort) < hs.txt
{ head -c 2; cat; } < hs.txt
{ sed 1q; cat; } < hs.txt
{ sed -n 2q; cat; } < hs.txt
{ grep -m1 3; cat; } < hs.txt
{ grep -q h; cat; } < hs.txt; echo ---
{ grep -c -m1 h; cat; } < hs.txt; echo ---
{ grep -l -m1 h; cat; } < hs.txt;  echo ---
{ head -n 1 >/dev/null; tail -n +1; } < hs.txt
{ head -n -2; cat; } < hs.txt
while read l; do echo "l=$l"; head -n 1; done < hs.txt
printf 'a\nb\nc' > nonl.txt
{ sed 2q; cat; } < nonl.txt; echo
{ grep -m1 b; cat; } < nonl.txt; echo
printf 'x\n' | { head -n 1; cat; }
{ grep -m1 5000; head -n 2; } < big.txt
{ grep -m2 '^9*$'; head -n 1; } < big.txt
{ grep -m1 -E '^5.*0$'; head -n 1; } < big.txt
{ grep -m3 -B1 -A2 '^12$'; head -n 1; } < big.txt
{ printf 'é%.0s' $(seq 1 70000); echo; echo two; echo three; } > long.txt
{ sed 1q | wc -c; cat; } < long.txt
{ head -n 1 | wc -c; cat; } < long.txt
{ sed 2q | tail -n1; cat; } < long.txt
{ printf 'x%.0s' $(seq 1 70000); echo; echo two; } > l2.txt
{ grep -m1 xx | wc -c; cat; } < l2.txt
{ grep -m1 -A1 h; echo ..; cat; } < hs.txt
{ grep -m1 é | wc -c; cat; } < long.txt
