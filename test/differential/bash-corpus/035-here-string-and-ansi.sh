IFS=$'\n'; set -- $(printf 'a b\nc d\n'); echo $#; unset IFS
x=$'line1\nline2'; echo "$x" | wc -l
grep -c b <<< $'a\nb\nbb'
s=$'a\x20b'; echo "[$s]"
