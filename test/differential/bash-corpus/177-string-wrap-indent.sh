text="alpha beta gamma delta epsilon"
line=""
for w in $text; do
  if (( ${#line} + ${#w} > 12 )); then echo "  $line"; line=$w; else line=${line:+$line }$w; fi
done
[[ -n $line ]] && echo "  $line"
