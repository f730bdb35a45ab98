echo -e 'a\tb\\n'
echo -e 'x\ny'
echo -e '\x41\0102'
echo -n -e 'no\tnewline'; echo
echo -E 'raw\t'
echo -e 'stop\cafter'; echo
