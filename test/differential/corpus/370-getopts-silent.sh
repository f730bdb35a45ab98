# a leading colon: getopts reports problems through opt and OPTARG, and prints nothing
check() {
  OPTIND=1
  while getopts :xy: opt "$@"; do
    case $opt in
      x) echo "x";;
      y) echo "y with $OPTARG";;
      :) echo "missing value for -$OPTARG";;
      \?) echo "unknown -$OPTARG";;
    esac
  done
  echo "OPTIND=$OPTIND"
}
check -x -q -y
check -xy value rest
check -- -x
