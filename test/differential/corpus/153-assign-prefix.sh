x=outer
x=inner sh -c 'echo $x'
echo $x
f() { echo "f sees $y"; }
y=temp f
a=1 b=2; echo $a $b
