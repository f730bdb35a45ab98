set -a
av=1
sh -c 'echo ${av-unset}'
set +a
bv=2
sh -c 'echo ${bv-unset}'
case $- in *a*) echo a-on;; *) echo a-off;; esac
