show() { echo "VAR=$VAR"; }
VAR=temp show
echo "after: [${VAR-}]"
VAR=x bash -c 'echo "child $VAR"'
