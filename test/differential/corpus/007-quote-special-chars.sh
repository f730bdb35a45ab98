echo 'a;b&c|d>e<f'
echo "a;b&c|d"
echo a\;b\&c\|d
echo '*' "*" \*
echo '#not a comment' x#y
echo x # a comment
echo '(' ")" \( \)
