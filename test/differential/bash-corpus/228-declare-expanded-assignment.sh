# bash: a declaration word that is an assignment only once expanded (declare "x_$k=$v") assigns
k=a; v='x y $z'; declare "cfg_$k=$v"; echo "$cfg_a"
declare "n_$k+=more"; echo "$cfg_a $n_a"
f() { local "l_$k=in"; echo "$l_a"; }; f; echo "[${l_a-unset}]"
declare -i "i_$k=2+3"; echo $i_a
declare "bad-name=1" 2>/dev/null; echo "st $?"
typeset "t_$k"=ok; echo $t_a
