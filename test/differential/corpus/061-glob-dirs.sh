mkdir -p g/d1 g/d2 && touch g/f g/d1/x g/d2/y
cd g
echo */
echo d*/*
echo */x
