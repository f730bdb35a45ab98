{ echo o; echo e >&2; } &> all.txt
{ echo o2; echo e2 >&2; } &>> all.txt
sort all.txt
