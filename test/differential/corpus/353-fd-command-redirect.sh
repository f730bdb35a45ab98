echo data > f
{ sh -c 'cat <&4'; } 4<f
sh -c 'cat <&3' 3<f
sh -c 'cat <&3' 3<&0 <f
f() { sh -c 'cat <&9'; }
f 9<f
