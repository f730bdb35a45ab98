touch a1 a2 ab a- 'a]' 'a!' a.c
echo a[12]
echo a[!12]* | tr ' ' '\n' | sort | tr '\n' ' '; echo
echo a[]]
echo a[-b]
echo a[a-c]
echo a[\!]
echo a[.]c
echo a[[:digit:]]
echo a[[:alpha:]]
echo 'a[1]' a\[1\] "a[1]"
