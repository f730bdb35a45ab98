cat <(echo hi)
diff <(printf 'a\nb\n') <(printf 'a\nc\n'); echo "diff $?"
while read -r l; do echo "got $l"; done < <(printf 'x\ny\n')
echo hello > >(tr a-z A-Z)
wait
sort <(printf '3\n1\n2\n')
