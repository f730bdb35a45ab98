echo "'a b' c \"d e\"" | xargs -n 1 echo
printf 'one\ttwo\n' | xargs -n 1 echo
