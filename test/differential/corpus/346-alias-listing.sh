alias q="it's" e=''
alias q e
unalias -a
alias
echo "none: $?"
alias z='a b'
alias
