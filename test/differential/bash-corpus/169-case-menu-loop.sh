for cmd in start status bogus stop; do
  case "$cmd" in
    start|restart) echo "starting" ;;
    stop) echo "stopping" ;;
    status) echo "running" ;;
    *) echo "unknown: $cmd"; continue ;;
  esac
  echo "handled $cmd"
done
