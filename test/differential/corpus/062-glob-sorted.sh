mkdir g && cd g
touch B a C b 10 9 _x
echo *
