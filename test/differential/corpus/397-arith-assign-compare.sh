x=5
echo $(( x == 5 ? 100 : 200 ))
echo $(( (x = 7) + 1 )) $x
echo $(( 017 + 0x11 ))
echo $(( -(-3) )) $(( +4 )) $(( - -5 ))
echo $((2147483647 + 1)) $((4294967296 * 4294967296))
y=3; echo $(( y *= y + 1 )) $y
echo $(( 1 ? 2 ? 3 : 4 : 5 ))
echo $(( 0 && x = 9 )) $x 2>/dev/null || echo "short circuit form rejected"
