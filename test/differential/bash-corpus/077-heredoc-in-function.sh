usage() {
  cat <<USAGE
usage: ${1:-tool} [options]
  -h   help
USAGE
}
usage mytool
usage
