x='a b'
eval "y=\$x"; echo "[$y]"
eval echo "\"\$x\""
cmd='echo one; echo two'
eval "$cmd"
eval 'for i in 1 2; do echo "loop $i"; done'
v=name; eval "$v=assigned"; echo "$name"
eval "exit_code() { return 5; }"; exit_code; echo "$?"
eval ''; echo "empty eval: $?"
