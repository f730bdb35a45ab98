# bash: $- in bash's order, with h, and the options set -e, -u, -x, -f turn on and off
echo "$-"
set -eu; echo "$-"
set +e -f; echo "$-"
(echo "sub $-")
echo "subst $(echo "$-")"
bash -c 'echo "c: $-"'
echo 'echo "s: $-"' | bash
