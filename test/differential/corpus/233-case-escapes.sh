for w in '*' 'a*' x '?' '[a]'; do
  case $w in
    \*) echo "star";;
    a\*) echo "a-star";;
    '?') echo "question";;
    \[a\]) echo "bracket";;
    *) echo "other $w";;
  esac
done
