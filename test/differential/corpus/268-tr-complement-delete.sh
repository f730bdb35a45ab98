echo 'a1b2c3' | tr -cd '0-9\n'
echo 'hello world' | tr -cs 'a-z\n' '_'
echo 'AbC' | tr 'A-Z' 'a-z'
