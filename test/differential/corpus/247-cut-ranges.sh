echo 'abcdefghij' | cut -c 1,3,5-7
echo 'abcdefghij' | cut -c -3
echo 'abcdefghij' | cut -c 8-
echo 'a,b,c,d' | cut -d , -f 1-2,4
echo 'a,b,c,d' | cut -d , -f 3-
