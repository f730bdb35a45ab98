alias out='echo redirected >'
out file1
cat file1
alias two='echo a;'
two echo b
alias v='x=1'
v; echo "x=$x"
alias pre='y=2 sh -c '
pre 'echo "y=$y"'
>/dev/null alias z='echo z'
z visible
