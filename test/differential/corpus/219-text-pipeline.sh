cat > words <<EOF
the quick brown fox
jumps over the lazy dog
the end
EOF
tr ' ' '\n' < words | sort | uniq -c | sort -k1,1nr -k2 | head -n 3
grep -c the words
sed -n '2p' words | cut -d ' ' -f 2
wc -w < words
