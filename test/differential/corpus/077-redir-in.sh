printf 'a\nb\n' > f
wc -l < f
read line < f; echo "$line"
cat 0<f
