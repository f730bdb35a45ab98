printf '%.2s|\n' abcdef
printf '%c|\n' hello
printf '%%|\n'
printf '%b\n' 'a\tb' 'c\nd'
printf 'tab\there\n'
printf '\101\102\n'
printf '%s\n' 'a\nb'
printf '%10.3s|\n' abcdef
