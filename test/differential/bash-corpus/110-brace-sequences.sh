echo {1..5}
echo {a..e}
echo {10..0..3}
echo file{1,2,3}.txt
echo {x,y}{1,2}
echo pre-{a,b}-post
echo {01..03}
