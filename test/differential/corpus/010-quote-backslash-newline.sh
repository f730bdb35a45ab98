echo abc\
def
echo "ab\
cd"
printf '%s\n' 'ab\
cd' | wc -l
ec\
ho joined
