echo 1 > one; echo 2 > two; mkdir d
cp one two d
ls d
cat d/one d/two
