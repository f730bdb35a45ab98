parse() {
  local name="" count=1 dry=0
  while [[ $# -gt 0 ]]; do
    case $1 in
      --name=*) name=${1#*=} ;;
      --name) name=$2; shift ;;
      -n|--count) count=$2; shift ;;
      --dry-run) dry=1 ;;
      --) shift; break ;;
      -*) echo "unknown $1" >&2; return 2 ;;
      *) break ;;
    esac
    shift
  done
  echo "name=$name count=$count dry=$dry args=$*"
}
parse --name=x --count 3 --dry-run file1
parse --name y -- --not-an-option
parse --bogus 2>/dev/null; echo "status $?"
