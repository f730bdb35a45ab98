touch a1 b2 c3 Ab X9
echo [a-c]?
echo [[:upper:]]*
echo *[0-9]
echo [!a]*
