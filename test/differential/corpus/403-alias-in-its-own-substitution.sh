# an alias whose text holds a command substitution naming it: not substituted again inside
alias echo='echo [a] $(echo inner)'
echo x
alias echo='echo [b] `echo inner`'
echo y
unalias echo
alias e='echo'
x=`e from backquotes`; echo "$x"
x=$(e from dollar-paren); echo "$x"
alias p='printf "%s\n" "$(p 2>/dev/null || echo none)"'
p
