set -o | head -3
set +o | grep -E 'errexit|noglob'
set -o vi; set -o emacs; echo accepted
set -e; set -o | grep errexit
