set -o pipefail -o errexit
set +o errexit
set -o | grep -E '^(pipefail|errexit)'
set -o vi; set -o emacs; echo editing-accepted
shopt -s extglob; shopt extglob
