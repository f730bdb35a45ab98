set -o vi 2>/dev/null; echo "vi: $?"
set -o emacs 2>/dev/null; echo "emacs: $?"
set +o vi; echo "+vi: $?"
set -o noclobber
set -o | grep -E '^(noclobber|errexit)'
set +o | grep -E 'noclobber|errexit'
