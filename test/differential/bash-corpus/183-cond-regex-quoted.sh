s='a.b'
[[ $s =~ a.b ]] && echo "regex dot"
[[ axb =~ a.b ]] && echo "regex matches axb"
[[ axb =~ "a.b" ]] || echo "quoted is literal"
[[ $s =~ ^a\.b$ ]] && echo "escaped dot"
