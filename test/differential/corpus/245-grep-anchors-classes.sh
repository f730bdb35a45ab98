printf 'Start here\nend here\n  indented\nTAB\tsep\n' > f
grep '^[A-Z]' f
grep -c '^ ' f
grep 'here$' f | wc -l
grep -E '^(Start|end)' f
grep -v -e Start -e end f
grep -n '[[:space:]]sep' f
