printf 'apple\nBanana\ncherry\napricot\n' > f
grep ap f
grep -i banana f
grep -v a f
grep -c a f
grep -n an f
grep -l ap f
grep -E 'ch|Ba' f
grep zzz f; echo "st $?"
grep zzz nofile 2>/dev/null; echo "st $?"
