mkdir d; echo old > d/f; echo new > f
cp f d; cat d/f
cp -r d e; cp -r d e; find e | sort
cp f f 2>/dev/null; echo "st $?"
