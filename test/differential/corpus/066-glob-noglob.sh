mkdir g && cd g
touch a b
set -f
echo *
set +f
echo *
