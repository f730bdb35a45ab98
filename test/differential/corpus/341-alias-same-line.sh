alias now='echo defined'; now 2>/dev/null; echo "same line: $?"
now
alias later='echo first'
alias later='echo second'; later
later
