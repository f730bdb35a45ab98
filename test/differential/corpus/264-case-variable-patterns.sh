p='a*'
for w in abc bcd a; do
  case $w in
    $p|b*) echo "$w matches";;
    *) echo "$w no";;
  esac
done
