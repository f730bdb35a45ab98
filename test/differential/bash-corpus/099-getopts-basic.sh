parse() {
  local OPTIND opt verbose=0 out=""
  while getopts "vo:h" opt; do
    case $opt in
      v) verbose=1 ;;
      o) out=$OPTARG ;;
      h) echo help; return ;;
      *) echo "bad option"; return 1 ;;
    esac
  done
  shift $((OPTIND - 1))
  echo "verbose=$verbose out=$out rest=$*"
}
parse -v -o file.txt a b
parse -o x
parse -x 2>/dev/null
