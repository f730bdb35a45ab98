echo abcdef | tr abc x
echo hello | tr -s l
echo 'a  b' | tr -s ' ' '_'
echo abc | tr a-c A-C
echo 'x:y;z' | tr ':;' '  '
echo aabbcc | tr -ds a b
