printf 'a\nb\n\nc\n' > f
cat -n f
