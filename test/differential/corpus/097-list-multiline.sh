true &&
echo cont1 ||
echo never
false ||
  echo cont2
echo one |
  cat
