echo 'hello   world'
echo 'a "double" inside'
echo 'dollar $HOME and `backtick` stay'
x=5
echo '$x' 'x'$x'y'
