for w in apple Banana cherry 42 '' '*' 'a b'; do
  case $w in
    a*) echo "$w: starts with a";;
    [A-Z]*) echo "$w: capital";;
    *[0-9]) echo "$w: ends in digit";;
    '') echo "empty";;
    '*') echo "literal star";;
    *' '*) echo "$w: has space";;
    *) echo "$w: other";;
  esac
done
case x in (x) echo parenthesised;; esac
case abc in a|b) echo no;; *c) echo alternatives;; esac
v='a*'; case abc in $v) echo "unquoted var pattern";; esac
case abc in "$v") echo no;; *) echo "quoted var is literal";; esac
