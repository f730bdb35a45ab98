echo $(echo $(echo $(echo deep)))
echo "$(echo "$(echo "a  b")")"
echo $(echo `echo mixed`)
