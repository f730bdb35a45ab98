mkdir -p s/sub/deep; touch s/a.c s/b.h s/sub/c.c s/sub/deep/d.c s/sub/e.txt
find s -name '*.c' | sort
find s -type f -name '[ab].*' | sort
find s/sub -type d | sort
find s -name deep -type d
find s -name 'nomatch*'; echo "st $?"
