alias a=1 b=2 c=3
unalias a b
alias c
alias a 2>/dev/null || echo "a gone"
unalias -a
alias c 2>/dev/null || echo "all gone"
alias x='echo x'; unalias x; x 2>/dev/null; echo "status $?"
unalias; echo "bare unalias: $?"
