x=1
(x=2; echo "in $x")
echo "out $x"
mkdir d; (cd d; touch in_d); ls d
ls
