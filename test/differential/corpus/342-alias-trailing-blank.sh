alias run='echo ' word='WORD' empty=''
run word other
run run word
empty run word
alias plain='echo'
plain word
