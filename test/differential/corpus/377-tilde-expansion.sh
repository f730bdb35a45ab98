HOME=/home/someone
echo ~ ~/sub "~" '~' \~
x=~; echo "$x"
y=a:~/b; echo "$y"
echo a~b
echo ~/"quoted part"
HOME=/other; echo ~
