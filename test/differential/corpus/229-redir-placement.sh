>f echo first
cat f
echo a >g b
cat g
2>/dev/null >h echo third
cat h
