mkdir g && cd g
touch a.txt b.txt c.log .hidden
echo *
echo *.txt
echo .h*
echo *.log *.txt
