mkdir -p d/e; touch d/e/f d/g h
rm h; ls
rm d 2>/dev/null; echo "st $?"
rm -r d; ls
rm -f nope; echo "st $?"
rm nope 2>/dev/null; echo "st $?"
touch a b; rm -rf a b nope; ls
