alias ls='ls -d'
ls /
alias a=b b=c c='echo end of chain'
a
alias loop1=loop2 loop2=loop1
loop1 2>/dev/null; echo "loop: $?"
alias echo='echo [aliased]'
echo x
\echo quoted
'echo' quoted too
