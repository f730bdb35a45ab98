# printf %q quotes for bash to read back
printf '[%q]\n' 'a b' '' '~x' 'a~b' '#a' 'a#' 'x=1,2' '$a' "tab	x" "$(printf 'a\001b')" "a'b" '%' 'a:~' '@+-_./' 'é' "new
line" '*?[x]' '!{a}' 'a\b' '(x)|&;<>' 'q"q' '`c`' '^e'
printf '[%5q][%-6q][%.2q]\n' a b cdef
s=$(printf '%q ' 'one two' "it's" '$HOME' "$(printf 'x\ty')")
eval "set -- $s"
printf '<%s>\n' "$@"
printf -v quoted %q 'a b'; echo "$quoted"
