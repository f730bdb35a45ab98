for v in a b c; do
  case $v in
    a) echo "a" ;&
    b) echo "a or b" ;;
    c) echo "c" ;;&
    *) echo "any" ;;
  esac
done
