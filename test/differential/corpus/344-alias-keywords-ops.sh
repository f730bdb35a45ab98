alias begin='{' end='}' both='echo one; echo two'
begin echo grouped; end
both | cat
alias if='echo not a keyword'
if true; then echo keyword wins; fi
alias neg='!'
neg false && echo negated
