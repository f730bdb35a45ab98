set -- a b c d e f g h i j k
echo $10 ${10} ${11}
echo "$1$2"
