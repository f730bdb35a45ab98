mkdir g && cd g
echo *.none
echo "x"*.none
set -- nomatch*
echo $# "$1"
echo [z]
