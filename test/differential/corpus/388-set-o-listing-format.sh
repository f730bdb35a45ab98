set -o | head -3
set -o | grep -c .
set +o | head -2
set -o errexit; set -o | grep errexit; set +o errexit
