alias greet='echo hello'
greet world
alias greet
alias missing 2>/dev/null; echo "missing: $?"
alias say='printf "%s|"' 
say a b; echo
unalias greet
greet 2>/dev/null; echo "after unalias: $?"
unalias greet 2>/dev/null; echo "unalias again: $?"
