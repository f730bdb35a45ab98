for c in a b 1 -; do
  case $c in
    [!a-z0-9]) echo "$c: neither";;
    [!a]) echo "$c: not a";;
    *) echo "$c: a";;
  esac
done
