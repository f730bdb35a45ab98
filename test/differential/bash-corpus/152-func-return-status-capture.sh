try() { "$@"; local s=$?; echo "status of $1: $s"; return $s; }
try true
try false
try bash -c 'exit 7' || echo "failed with $?"
