true && echo a || echo b
false && echo a || echo b
false || false || echo c
true || echo never && echo d
{ false || echo e; } && echo f
x=0; [ $x -eq 0 ] && { echo zero; x=1; } || echo nonzero
echo "x=$x"
