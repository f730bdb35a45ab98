show() {
  echo "count=$#"
  while (( $# > 0 )); do
    case $1 in
      -v) echo verbose ;;
      -o) echo "output=$2"; shift ;;
      *) echo "arg=$1" ;;
    esac
    shift
  done
}
show -v -o out.txt file1 "file 2"
