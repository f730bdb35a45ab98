classify() {
  case $1 in
    [0-9]|[0-9][0-9]) echo "$1: small number" ;;
    [0-9]*) echo "$1: big number" ;;
    *.tar.gz|*.tgz) echo "$1: tarball" ;;
    -*) echo "$1: option" ;;
    "") echo "empty" ;;
    *) echo "$1: other" ;;
  esac
}
for x in 7 42 1234 a.tgz b.tar.gz -v ""; do classify "$x"; done
