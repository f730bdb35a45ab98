echo hello | tr a-z A-Z
echo hello | tr -d l
echo 'aaabbb  ccc' | tr -s 'ab '
echo hello | tr el ip
echo 'a,b,c' | tr , '\n'
echo abc | tr -c 'a\n' x
echo 'Mixed Case' | tr '[:upper:]' '[:lower:]'
echo 'a1b2c3' | tr -d '[:digit:]'
