echo a > f; mv f g; ls; cat g
mkdir d; mv g d; ls d
mv d e; ls
mv nope x 2>/dev/null; echo "st $?"
echo b > h; echo c > i; mv h i; ls; cat i
