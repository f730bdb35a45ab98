echo {a,b}{1,2}
echo x{1..9..3} {a..e} {5..1} {e..a..2}
echo pre{,x}post {a,{b,c}d}
echo {01..10..3} {-2..2}
echo "{a,b}" \{a,b\} {a} {} a{b c}
mkdir -p tree/{src,doc}/{v1,v2}
ls tree tree/src
for i in {1..3}; do printf '%s ' "n$i"; done; echo
v=z; echo {a,$v}
