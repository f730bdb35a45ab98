(exit 2) | (exit 3) | (exit 0)
s=("${PIPESTATUS[@]}"); echo "${s[@]}"
echo ok | grep -q ok; echo "${PIPESTATUS[@]}"
set -o pipefail
if ! (exit 1) | cat; then echo failed-pipe; fi
set -o | grep pipefail
