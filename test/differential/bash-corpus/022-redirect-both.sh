{ echo out; echo err >&2; } &> both.txt
sort both.txt
{ echo more; echo err2 >&2; } &>> both.txt
wc -l < both.txt
ls /nonexistent-dir |& sed 's/.*/got-error/' | head -1
{ echo a; echo b >&2; } |& sort
