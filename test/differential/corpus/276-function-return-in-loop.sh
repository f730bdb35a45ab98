find_first() {
  for x in "$@"; do
    case $x in
      *.c) echo "$x"; return 0;;
    esac
  done
  return 1
}
find_first a.h b.c d.c
find_first a.h || echo "none"
