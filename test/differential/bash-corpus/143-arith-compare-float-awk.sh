a=3.5 b=2.25
if awk -v a="$a" -v b="$b" 'BEGIN{exit !(a>b)}'; then echo "$a > $b"; fi
sum=$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.2f", a+b}')
echo "$sum"
