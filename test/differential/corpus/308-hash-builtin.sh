hash -r
hash cat; echo "hash cat: $?"
hash no-such-command-xyz 2>/dev/null; echo "hash missing: $?"
hash -r; echo "hash -r: $?"
hash
