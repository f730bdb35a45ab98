total=0
while read -r n; do ((total += n)); done < <(printf '%s\n' 5 10 15)
echo "$total"
diff <(printf 'a\nb\n') <(printf 'a\nc\n') > /dev/null || echo "differ"
